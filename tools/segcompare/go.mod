module github.com/stancekit/stancekit/tools/segcompare

go 1.26.8

require (
	github.com/neurosnap/sentences v1.1.2
	github.com/stancekit/stancekit v0.0.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/kljensen/snowball v0.10.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)

replace github.com/stancekit/stancekit => ../..
