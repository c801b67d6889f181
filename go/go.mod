module github.com/metafinops/go-sdk

go 1.23
