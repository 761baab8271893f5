module github.com/stancekit/stancekit

go 1.26.8

require (
	github.com/kljensen/snowball v0.10.0
	github.com/neurosnap/sentences v1.1.2
	github.com/stretchr/testify v1.12.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
