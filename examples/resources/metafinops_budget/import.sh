# A budget is imported by its id.
terraform import metafinops_budget.example bud_1k19aztcrrg5vm71t5b0v
