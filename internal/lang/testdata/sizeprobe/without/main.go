// Command without is the size probe without package lang; see ../with.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	text := strings.Join(os.Args[1:], " ")
	fmt.Println(len(text), "")
}
