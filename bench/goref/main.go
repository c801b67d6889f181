// Command terraform-provider-goref is a benchmark-only reference: the metafinops_budget resource
// written the way a user would otherwise get it, in Go on terraform-plugin-framework, talking to
// the MetaFinOps API with plain net/http. bench/terraform_bench.py builds it and runs it beside
// the Python provider against the same local server; it is not shipped and not a product.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// Address is where the benchmark's scratch filesystem mirror installs this provider.
const Address = "registry.terraform.io/metafinops-bench/goref"

func main() {
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{Address: Address})
	if err != nil {
		log.Fatal(err)
	}
}
