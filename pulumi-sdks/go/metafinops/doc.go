// The MetaFinOps provider manages budgets, alert policies and webhook subscriptions, and reads cost, GPU, token, carbon and recommendation data, through the MetaFinOps API.
package metafinops
