// Command digiscan runs a digital readiness scan for small businesses and
// refers each one to the support programmes that fit.
package main

import (
	"os"

	"github.com/gooivechtstreek/digiscan/internal/iostreams"
)

func main() { os.Exit(run(os.Args[1:], iostreams.System())) }
