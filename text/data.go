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

// parseAbbrevs reads abbreviations.tsv into the segmenter's sets.
func parseAbbrevs(name, data string, sg *segmenter) error {
	sg.abbrevs = make(map[string]bool)
	sg.titles = make(map[string]bool)
	sg.beforeNumber = make(map[string]bool)
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 || f[0] == "" {
			return fmt.Errorf("%s:%d: want 2 tab-separated fields (abbreviation, kind), got %d", name, n, len(f))
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
			return fmt.Errorf("%s:%d: unknown kind %q (want title, number or other)", name, n, f[1])
		}
	}
	return sc.Err()
}
