package main

import (
	"context"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type goref struct{}

type providerModel struct {
	APIKey  types.String `tfsdk:"api_key"`
	BaseURL types.String `tfsdk:"base_url"`
}

func newProvider() provider.Provider { return &goref{} }

func (p *goref) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "metafinops"
	resp.Version = "0.0.1"
}

func (p *goref) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Benchmark-only Go reference for metafinops_budget.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				Description: "API key; default $METAFINOPS_API_KEY.", Optional: true, Sensitive: true,
			},
			"base_url": schema.StringAttribute{
				Description: "API base URL ending in /v1; default $METAFINOPS_BASE_URL.", Optional: true,
			},
		},
	}
}

func (p *goref) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	key, base := os.Getenv("METAFINOPS_API_KEY"), os.Getenv("METAFINOPS_BASE_URL")
	if v := config.APIKey.ValueString(); v != "" {
		key = v
	}
	if v := config.BaseURL.ValueString(); v != "" {
		base = v
	}
	if key == "" || base == "" {
		resp.Diagnostics.AddError("missing configuration", "api_key and base_url (or METAFINOPS_API_KEY and METAFINOPS_BASE_URL) are required")
		return
	}
	c := &client{
		base: strings.TrimRight(base, "/"),
		key:  key,
		http: &http.Client{Timeout: 30 * time.Second},
	}
	resp.ResourceData = c
	resp.DataSourceData = c
}

func (p *goref) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newBudget}
}

func (p *goref) DataSources(context.Context) []func() datasource.DataSource { return nil }
