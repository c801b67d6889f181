package main

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// budget is metafinops_budget with the attributes the benchmark uses plus the computed ones and
// the threshold rules (filters are left out: the benchmark never sets them).
type budget struct{ client *client }

type thresholdModel struct {
	Percent types.Float64 `tfsdk:"percent"`
	Basis   types.String  `tfsdk:"basis"`
}

type budgetModel struct {
	ID         types.String     `tfsdk:"id"`
	Name       types.String     `tfsdk:"name"`
	Amount     types.Float64    `tfsdk:"amount"`
	Currency   types.String     `tfsdk:"currency"`
	Period     types.String     `tfsdk:"period"`
	StartDate  types.String     `tfsdk:"start_date"`
	Thresholds []thresholdModel `tfsdk:"thresholds"`
	CreatedAt  types.String     `tfsdk:"created_at"`
}

type apiThreshold struct {
	Percent float64 `json:"percent"`
	Basis   string  `json:"basis"`
}

type apiBudget struct {
	ID         string         `json:"id,omitempty"`
	Name       string         `json:"name"`
	Amount     float64        `json:"amount"`
	Currency   string         `json:"currency,omitempty"`
	Period     string         `json:"period"`
	StartDate  string         `json:"start_date,omitempty"`
	Thresholds []apiThreshold `json:"thresholds"`
	CreatedAt  string         `json:"created_at,omitempty"`
}

func newBudget() resource.Resource { return &budget{} }

func (r *budget) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "metafinops_budget"
}

func (r *budget) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		Description: "A budget (benchmark-only Go reference).",
		Attributes: map[string]schema.Attribute{
			"id":     schema.StringAttribute{Description: "Budget id (bud_…).", Computed: true, PlanModifiers: keep},
			"name":   schema.StringAttribute{Description: "Display name.", Required: true},
			"amount": schema.Float64Attribute{Description: "Limit per period.", Required: true},
			"currency": schema.StringAttribute{
				Description: "ISO 4217 currency.", Optional: true, Computed: true, Default: stringdefault.StaticString("USD"),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"period":     schema.StringAttribute{Description: "monthly, quarterly or annual.", Required: true},
			"start_date": schema.StringAttribute{Description: "First day of the first period.", Optional: true, Computed: true, PlanModifiers: keep},
			"thresholds": schema.SetNestedAttribute{
				Description: "Threshold rules.",
				Optional:    true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"percent": schema.Float64Attribute{Description: "Percent of amount.", Required: true},
					"basis": schema.StringAttribute{
						Description: "actual or forecasted.", Optional: true, Computed: true, Default: stringdefault.StaticString("actual"),
					},
				}},
			},
			"created_at": schema.StringAttribute{Description: "Creation time.", Computed: true, PlanModifiers: keep},
		},
	}
}

func (r *budget) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	if c, ok := req.ProviderData.(*client); ok {
		r.client = c
	}
}

func toAPI(m budgetModel) apiBudget {
	out := apiBudget{
		Name: m.Name.ValueString(), Amount: m.Amount.ValueFloat64(), Currency: m.Currency.ValueString(),
		Period: m.Period.ValueString(), Thresholds: []apiThreshold{},
	}
	if !m.StartDate.IsUnknown() && !m.StartDate.IsNull() {
		out.StartDate = m.StartDate.ValueString()
	}
	for _, t := range m.Thresholds {
		out.Thresholds = append(out.Thresholds, apiThreshold{Percent: t.Percent.ValueFloat64(), Basis: t.Basis.ValueString()})
	}
	return out
}

func fromAPI(b apiBudget, prior []thresholdModel) budgetModel {
	m := budgetModel{
		ID: types.StringValue(b.ID), Name: types.StringValue(b.Name), Amount: types.Float64Value(b.Amount),
		Currency: types.StringValue(b.Currency), Period: types.StringValue(b.Period),
		StartDate: types.StringValue(b.StartDate), CreatedAt: types.StringValue(b.CreatedAt),
	}
	if len(b.Thresholds) > 0 || prior != nil {
		m.Thresholds = []thresholdModel{}
		for _, t := range b.Thresholds {
			m.Thresholds = append(m.Thresholds, thresholdModel{Percent: types.Float64Value(t.Percent), Basis: types.StringValue(t.Basis)})
		}
	}
	return m
}

func (r *budget) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan budgetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var created apiBudget
	if err := r.client.do(ctx, "POST", "/budgets", toAPI(plan), &created); err != nil {
		resp.Diagnostics.AddError("create budget", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, fromAPI(created, plan.Thresholds))...)
}

func (r *budget) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state budgetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var got apiBudget
	err := r.client.do(ctx, "GET", "/budgets/"+state.ID.ValueString(), nil, &got)
	if errors.As(err, &notFound{}) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("read budget", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, fromAPI(got, state.Thresholds))...)
}

func (r *budget) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state budgetModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body := toAPI(plan)
	body.Currency = "" // immutable: never sent on PATCH
	var updated apiBudget
	if err := r.client.do(ctx, "PATCH", "/budgets/"+state.ID.ValueString(), body, &updated); err != nil {
		resp.Diagnostics.AddError("update budget", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, fromAPI(updated, plan.Thresholds))...)
}

func (r *budget) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state budgetModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.client.do(ctx, "DELETE", "/budgets/"+state.ID.ValueString(), nil, nil)
	if err != nil && !errors.As(err, &notFound{}) {
		resp.Diagnostics.AddError("delete budget", err.Error())
	}
}

func (r *budget) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}
