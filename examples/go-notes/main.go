// notes keeps a note file under the user's config folder (XDG_CONFIG_HOME or ~/.config),
// like many CLIs keep their state: it needs a home it can write to.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	config, err := os.UserConfigDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, "notes:", err)
		os.Exit(1)
	}
	dir := filepath.Join(config, "notes")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(os.Stderr, "notes:", err)
		os.Exit(1)
	}
	file := filepath.Join(dir, "notes.txt")
	text := strings.Join(os.Args[1:], " ")
	if text == "" {
		text = "first note"
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err == nil {
		_, err = fmt.Fprintln(f, text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "notes:", err)
		os.Exit(1)
	}
	data, _ := os.ReadFile(file)
	fmt.Printf("%d note(s) in %s\n", strings.Count(string(data), "\n"), file)
}
