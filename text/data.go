package text

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed data/*.tsv
var dataFS embed.FS

func readData(name string) (string, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return string(b), nil
}

// eachRow calls fn with the tab-separated fields of every line of a data
// table that is neither blank nor a "#" comment. An error from fn comes
// back prefixed with the table's name and line number.
func eachRow(name, data string, fn func(f []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// parseAbbrevs reads abbreviations.tsv into the segmenter's sets.
func parseAbbrevs(name, data string, sg *segmenter) error {
	sg.abbrevs = make(map[string]bool)
	sg.titles = make(map[string]bool)
	sg.beforeNumber = make(map[string]bool)
	err := eachRow(name, data, func(f []string) error {
		if len(f) != 2 || f[0] == "" {
			return fmt.Errorf("want 2 tab-separated fields (abbreviation, kind), got %d", len(f))
		}
		a := strings.ToLower(f[0])
		sg.abbrevs[a] = true
		switch f[1] {
		case "title":
			sg.titles[a] = true
		case "number":
			sg.beforeNumber[a] = true
		case "other":
		default:
			return fmt.Errorf("unknown kind %q (want title, number or other)", f[1])
		}
		return nil
	})
	return err
}
