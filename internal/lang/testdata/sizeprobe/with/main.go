// Command with is the size probe that links package lang: its size minus
// that of ../without is what language identification adds to a binary.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/jic-center/jic/internal/lang"
)

func main() {
	text := strings.Join(os.Args[1:], " ")
	fmt.Println(len(text), lang.Detect(text).Lang)
}
