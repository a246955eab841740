//go:build generate

package referral

// compiledBuiltin without builtins_gen.go: the generator (internal/generate,
// built with -tags generate) loads every built-in from its YAML, so it works
// when the generated file is missing or out of date.
func compiledBuiltin(string) (c *Catalogue) { return }
