"""The HTTP layer: envelope, errors, middleware, dependencies and one router per resource."""
