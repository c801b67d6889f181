#!/usr/bin/env bash
# One stage of the MetaFinOps GitOps pipeline; github-actions.yml and gitlab-ci.yml call it,
# and tests/terraform/test_gitops.py runs it the same way against a local server.
#
#   pipeline.sh check   terraform fmt -check, init with the committed lock file, validate
#   pipeline.sh plan    a pull request's plan: exit 0 no changes, 2 changes
#   pipeline.sh apply   apply on main (plans again: the PR's plan was for review)
#   pipeline.sh drift   nightly: plan -refresh-only -detailed-exitcode; exit 2 means drift
#
# Needs: terraform >= 1.11 and `pip install 'metafinops[terraform]==<the locked release>'`;
# METAFINOPS_API_KEY (a secret) and METAFINOPS_BASE_URL in the environment; TF_VAR_* inputs.
# The provider is installed from a filesystem mirror written by `metafinops provider mirror`,
# so no registry is contacted and `init` checks it against the committed .terraform.lock.hcl.
set -euo pipefail
stage=${1:?usage: pipeline.sh check|plan|apply|drift}
cd "$(dirname "$0")"

mirror=${METAFINOPS_MIRROR_DIR:-$PWD/.terraform-mirror}
metafinops provider mirror "$mirror" >/dev/null
export TF_CLI_CONFIG_FILE=${TF_CLI_CONFIG_FILE:-$PWD/.terraformrc.ci}
cat >"$TF_CLI_CONFIG_FILE" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/metafinops/metafinops"]
  }
  direct {
    exclude = ["registry.terraform.io/metafinops/metafinops"]
  }
}
CONFIG
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

# -lockfile=readonly: a provider whose hash is not in the committed lock file fails here
terraform init -input=false -lockfile=readonly -no-color >/dev/null

case $stage in
  check)
    terraform fmt -check -diff
    terraform validate -no-color
    ;;
  plan)
    set +e
    terraform plan -input=false -detailed-exitcode -no-color
    code=$?
    set -e
    exit $code
    ;;
  apply)
    terraform apply -input=false -auto-approve -no-color
    ;;
  drift)
    set +e
    terraform plan -refresh-only -input=false -detailed-exitcode -no-color
    code=$?
    set -e
    [ $code -eq 2 ] && echo "::warning::MetaFinOps objects changed outside of Terraform" >&2
    exit $code
    ;;
  *)
    echo "unknown stage $stage (check, plan, apply, drift)" >&2
    exit 64
    ;;
esac
