package actor

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/sitrep/sitrep"
)

// data/gen holds files the build generates from registry packages (see
// data/gen/README); its README keeps the pattern valid before `make data`.
//
//go:embed data/*.tsv data/gen
var builtin embed.FS

// Entry is one actor of the knowledge base: a person, an organisation, an
// armed group, a media outlet or a country.
type Entry struct {
	ID       string            // stable id without the "kb:" prefix, e.g. "vladimir-putin"
	Name     string            // canonical name
	Type     sitrep.EntityType //
	Country  string            // ISO 3166-1 alpha-3, empty for international bodies
	CAMEO    string            // default CAMEO actor code
	Aliases  []string          // other names, as written
	Roles    []Role            // date-bounded offices, in file order
	rank     int               // load order; earlier entries win ties
	petrarch bool              // loaded from a PETRARCH dictionary
}

// Role is one office an actor held between two dates.
type Role struct {
	From    string // first day, YYYY-MM-DD; empty when open
	To      string // last day, YYYY-MM-DD; empty when still held
	CAMEO   string // CAMEO code while in office
	Country string // ISO3 of the office
	Office  string // e.g. "President of Russia"
}

// active reports whether the role covers date (YYYY-MM-DD).
func (r Role) active(date string) bool {
	return (r.From == "" || r.From <= date) && (r.To == "" || date <= r.To)
}

// At returns the CAMEO code and country of e on date (YYYY-MM-DD) and the
// role that gave them, or e's defaults and nil when no role covers date.
// With an empty date the latest role counts.
func (e *Entry) At(date string) (cameo, country string, role *Role) {
	if date == "" {
		if n := len(e.Roles); n > 0 {
			r := &e.Roles[n-1]
			return r.CAMEO, r.Country, r
		}
		return e.CAMEO, e.Country, nil
	}
	// Later lines win: a file lists roles oldest first, and a concurrent
	// higher office is written after the lower one.
	for i := len(e.Roles) - 1; i >= 0; i-- {
		if r := &e.Roles[i]; r.active(date) {
			return r.CAMEO, r.Country, r
		}
	}
	return e.CAMEO, e.Country, nil
}

// Country is one state or territory.
type Country struct {
	ISO3      string
	CAMEO     string
	Name      string
	Adjective string   // the adjective used to name its sectors, e.g. "Russian"
	Names     []string // other names
	Demonyms  []string
	Capitals  []string
}

// Agent is a generic role word that turns a country into a sector actor,
// as CAMEO agent codes do: "troops" is MIL, "rebels" REB.
type Agent struct {
	Key    string            // sector key used in ids, e.g. "MIL"
	Suffix string            // appended to the country's CAMEO code; empty for none
	Prefix string            // put before the country's code instead ("IGO~" agents)
	Type   sitrep.EntityType //
	Label  string            // e.g. "military", giving "Russian military"
	Rank   int               // specificity: the highest-ranked agent word of a phrase wins
}

type aliasRef struct {
	e       *Entry
	acronym bool // written in capitals: the text must be too
	short   bool // a derived surname; weaker than a full name
	key     string
}

// KB is a loaded knowledge base. It is read-only after loading and safe for
// concurrent use.
type KB struct {
	entries    map[string]*Entry
	countries  map[string]*Country // by ISO3
	byCAMEO    map[string]*Country // by CAMEO country code
	names      map[string][]aliasRef
	skel       map[string][]aliasRef // skeleton -> multi-word aliases, for typos
	adj        map[string]*Country   // demonyms and adjectives
	capitals   map[string]*Country
	agents     map[string]*Agent
	agentKeys  map[string]*Agent   // first agent defined for each key
	titles     map[string]string   // person titles -> hint ("person", "civilian", "military", "speaker")
	orgWords   map[string]bool     // words that end organisation names
	given      map[string]bool     // given names
	family     map[string]bool     // family names
	common     map[string]bool     // common English words, lower case
	milModels  map[string]bool     // designator prefixes of military aircraft and weapons ("su" of Su-24)
	bare       map[string]bool     // agent phrases that are an actor without a country ("rebels")
	bareFirst  map[string]bool     // first words of the bare phrases, a cheap test before the phrase lookup
	nameModel  *nameModel          // person-name words vs other words; nil without the generated lists
	lists      map[string]wordList // line kinds that only list words, to their sets
	ignore     map[string]bool     // capitalised names that are no actors
	eventWords map[string]bool     // words that end event names
	eventOpen  map[string]bool     // words that open names of operations and battles
	placeWords map[string]bool     // words that end place names
	maxWords   int
	maxAgent   int
	maxTitle   int
	n          int
}

func newKB() *KB {
	kb := &KB{
		entries:    map[string]*Entry{},
		countries:  map[string]*Country{},
		byCAMEO:    map[string]*Country{},
		names:      map[string][]aliasRef{},
		skel:       map[string][]aliasRef{},
		adj:        map[string]*Country{},
		capitals:   map[string]*Country{},
		agents:     map[string]*Agent{},
		agentKeys:  map[string]*Agent{},
		titles:     map[string]string{},
		orgWords:   map[string]bool{},
		given:      map[string]bool{},
		family:     map[string]bool{},
		common:     map[string]bool{},
		milModels:  map[string]bool{},
		bare:       map[string]bool{},
		ignore:     map[string]bool{},
		eventWords: map[string]bool{},
		eventOpen:  map[string]bool{},
		placeWords: map[string]bool{},
	}
	kb.lists = kb.wordLists()
	return kb
}

// LoadKB loads the knowledge base shipped in actor/data and then every
// *.tsv file at the top of each extra file system, in name order. Later
// files may add aliases and roles to earlier entries by repeating their id.
// The format is described in data/README.md.
func LoadKB(extra ...fs.FS) (*KB, error) {
	kb := newKB()
	for _, fsys := range append([]fs.FS{subFS(builtin, "data"), subFS(builtin, "data/gen")}, extra...) {
		if err := kb.loadFS(fsys); err != nil {
			return nil, err
		}
	}
	kb.index()
	kb.nameModel = kb.trainNames()
	kb.bareFirst = map[string]bool{}
	for p := range kb.bare {
		if ws := strings.Fields(p); len(ws) > 0 {
			kb.bareFirst[ws[0]] = true
		}
	}
	return kb, nil
}

// trainNames trains the name model: given and family names against common
// words and the words of the knowledge base's organisation and place
// names. A word in both lists is left out of both.
func (kb *KB) trainNames() *nameModel {
	person, other := map[string]bool{}, map[string]bool{}
	for _, src := range []map[string]bool{kb.given, kb.family} {
		for w := range src {
			if !kb.common[w] {
				person[w] = true
			}
		}
	}
	for w := range kb.common {
		if !kb.given[w] && !kb.family[w] {
			other[w] = true
		}
	}
	for _, src := range []map[string]bool{kb.orgWords, kb.placeWords} {
		for w := range src {
			other[w] = true
		}
	}
	for key, refs := range kb.names {
		if len(refs) == 0 || refs[0].e.Type == sitrep.Person {
			continue
		}
		for _, w := range strings.Fields(key) {
			if !person[w] {
				other[w] = true
			}
		}
	}
	return trainNameModel(person, other)
}

// GivenNames returns how many given names the knowledge base holds; 0 means
// the generated list (data/gen/names.tsv) was not built.
func (kb *KB) GivenNames() int { return len(kb.given) }

func subFS(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // embedded directory; cannot fail
	}
	return s
}

func (kb *KB) loadFS(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return fmt.Errorf("actor: list knowledge base files: %w", err)
	}
	sort.Strings(files)
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("actor: read %s: %w", name, err)
		}
		if err := kb.parse(path.Base(name), string(data)); err != nil {
			return err
		}
	}
	return nil
}

// splitList splits a |-separated cell; "-" and "" are empty.
func splitList(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cell(s string) string {
	s = strings.TrimSpace(s)
	if s == "-" {
		return ""
	}
	return s
}

var entityTypes = map[string]sitrep.EntityType{
	"person": sitrep.Person, "government": sitrep.Government, "military": sitrep.Military,
	"armed_group": sitrep.ArmedGroup, "organization": sitrep.Organization, "media": sitrep.Media,
	"country": sitrep.Country, "place": sitrep.PlaceEntity,
}

// parse reads one knowledge-base file.
func (kb *KB) parse(name, data string) error {
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if err := kb.parseLine(f); err != nil {
			return fmt.Errorf("actor: %s:%d: %w", name, ln, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("actor: read %s: %w", name, err)
	}
	return nil
}

func need(f []string, n int) error {
	if len(f) < n {
		return fmt.Errorf("%s line has %d fields, want %d", f[0], len(f), n)
	}
	return nil
}

func (kb *KB) parseLine(f []string) error {
	if l, ok := kb.lists[f[0]]; ok {
		if err := need(f, 2); err != nil {
			return err
		}
		for _, p := range splitList(f[1]) {
			l.set[l.norm(p)] = true
		}
		return nil
	}
	switch f[0] {
	case "country":
		if err := need(f, 7); err != nil {
			return err
		}
		iso := cell(f[1])
		if len(iso) != 3 {
			return fmt.Errorf("country code %q is not ISO 3166-1 alpha-3", f[1])
		}
		c := &Country{ISO3: iso, CAMEO: cell(f[2]), Name: cell(f[3]), Names: splitList(f[4]), Demonyms: splitList(f[5]), Capitals: splitList(f[6])}
		if c.CAMEO == "" {
			c.CAMEO = iso
		}
		if c.Name == "" {
			return fmt.Errorf("country %s has no name", iso)
		}
		c.Adjective = c.Name
		if len(c.Demonyms) > 0 {
			c.Adjective = c.Demonyms[0]
		}
		kb.countries[iso] = c
		kb.byCAMEO[c.CAMEO] = c
		e := kb.entry(iso)
		e.Name, e.Type, e.Country, e.CAMEO = c.Name, sitrep.Country, iso, c.CAMEO
		e.Aliases = append(e.Aliases, c.Names...)
	case "actor":
		if err := need(f, 6); err != nil {
			return err
		}
		if len(f) == 6 {
			f = append(f, "")
		}
		id := cell(f[1])
		if id == "" {
			return fmt.Errorf("actor line without id")
		}
		e := kb.entry(id)
		if t := cell(f[2]); t != "" {
			et, ok := entityTypes[t]
			if !ok {
				return fmt.Errorf("unknown entity type %q", t)
			}
			e.Type = et
		}
		if v := cell(f[3]); v != "" {
			e.Country = v
		}
		if v := cell(f[4]); v != "" {
			e.CAMEO = v
		}
		if v := cell(f[5]); v != "" {
			if e.Name != "" && e.Name != v {
				e.Aliases = append(e.Aliases, v)
			} else {
				e.Name = v
			}
		}
		e.Aliases = append(e.Aliases, splitList(f[6])...)
		if e.Type == "" && !strings.Contains(id, "/") {
			return fmt.Errorf("actor %s has no type", id)
		}
	case "role":
		if err := need(f, 7); err != nil {
			return err
		}
		e, ok := kb.entries[cell(f[1])]
		if !ok {
			return fmt.Errorf("role for unknown actor %q (define it first)", f[1])
		}
		r := Role{From: normDate(cell(f[2]), false), To: normDate(cell(f[3]), true), CAMEO: cell(f[4]), Country: cell(f[5]), Office: cell(f[6])}
		if (r.From == "" && cell(f[2]) != "") || (r.To == "" && cell(f[3]) != "") {
			return fmt.Errorf("bad date in role of %s: %q %q", e.ID, f[2], f[3])
		}
		if r.Country == "" {
			r.Country = e.Country
		}
		if r.CAMEO == "" {
			r.CAMEO = e.CAMEO
		}
		e.Roles = append(e.Roles, r)
	case "agent":
		if err := need(f, 7); err != nil {
			return err
		}
		t, ok := entityTypes[cell(f[3])]
		if !ok {
			return fmt.Errorf("unknown entity type %q", f[3])
		}
		var rank int
		if _, err := fmt.Sscanf(cell(f[5]), "%d", &rank); err != nil {
			return fmt.Errorf("agent rank %q: %w", f[5], err)
		}
		a := &Agent{Key: cell(f[1]), Suffix: cell(f[2]), Type: t, Label: cell(f[4]), Rank: rank}
		if kb.agentKeys[a.Key] == nil {
			kb.agentKeys[a.Key] = a
		}
		for _, p := range splitList(f[6]) {
			k := normPhrase(p)
			kb.agents[k] = a
			kb.maxAgent = max(kb.maxAgent, len(strings.Fields(k)))
		}
	case "title":
		if err := need(f, 3); err != nil {
			return err
		}
		for _, p := range splitList(f[2]) {
			k := normPhrase(p)
			kb.titles[k] = cell(f[1])
			kb.maxTitle = max(kb.maxTitle, len(strings.Fields(k)))
		}
	default:
		return fmt.Errorf("unknown line kind %q", f[0])
	}
	return nil
}

// wordList is a line kind that lists words or phrases into one set.
type wordList struct {
	set  map[string]bool
	norm func(string) string
}

// wordLists maps line kinds that only list words to their sets and to how
// their items are normalised.
func (kb *KB) wordLists() map[string]wordList {
	keep := func(s string) string { return s } // generated lower-case words
	return map[string]wordList{
		"bare":        {kb.bare, normPhrase},
		"ignore":      {kb.ignore, normPhrase},
		"orgword":     {kb.orgWords, normWord},
		"eventword":   {kb.eventWords, normWord},
		"eventopener": {kb.eventOpen, normWord},
		"milmodel":    {kb.milModels, normWord},
		"placeword":   {kb.placeWords, normWord},
		"given":       {kb.given, normWord},
		"family":      {kb.family, normWord},
		"common":      {kb.common, keep},
	}
}

// normDate accepts YYYY, YYYY-MM or YYYY-MM-DD and returns a full date,
// filling a missing month and day with the start (or, for an end date, the
// end) of the period. It returns "" for anything else.
func normDate(s string, end bool) string {
	switch {
	case len(s) == 4 && isDigits(s):
		if end {
			return s + "-12-31"
		}
		return s + "-01-01"
	case len(s) == 7 && isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:]):
		if end {
			return s + "-31" // string comparison only needs an upper bound
		}
		return s + "-01"
	case len(s) == 10 && isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:7]) && s[7] == '-' && isDigits(s[8:]):
		return s
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func (kb *KB) entry(id string) *Entry {
	if e, ok := kb.entries[id]; ok {
		return e
	}
	e := &Entry{ID: id, rank: kb.n}
	kb.n++
	kb.entries[id] = e
	return e
}

// isAcronym reports whether an alias is written as an acronym: capitals
// and dots only, at most six letters.
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return letters > 0 && letters <= 6
}

// index builds the lookup maps once every file is read.
func (kb *KB) index() {
	ids := make([]string, 0, len(kb.entries))
	for id := range kb.entries {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return kb.entries[ids[i]].rank < kb.entries[ids[j]].rank })
	for _, id := range ids {
		e := kb.entries[id]
		if sec := strings.IndexByte(id, '/'); sec > 0 {
			kb.fillAgentEntry(e, id[:sec], id[sec+1:])
		}
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			kb.addName(a, aliasRef{e: e, acronym: isAcronym(a)})
			if k := normPhrase(a); strings.Contains(" "+k, " al ") {
				kb.addName(strings.ReplaceAll(" "+k, " al ", " ")[1:], aliasRef{e: e})
			}
		}
		if e.Type == sitrep.Person {
			for _, s := range surnames(e.Name) {
				kb.addName(s, aliasRef{e: e, short: true})
			}
		}
	}
	// In code order, first come first served, so that a shared demonym or
	// capital always means the same country.
	codes := make([]string, 0, len(kb.countries))
	for iso := range kb.countries {
		codes = append(codes, iso)
	}
	sort.Strings(codes)
	for _, iso := range codes {
		c := kb.countries[iso]
		for _, d := range c.Demonyms {
			if k := normPhrase(d); kb.adj[k] == nil {
				kb.adj[k] = c
			}
		}
		for _, p := range c.Capitals {
			if k := normPhrase(p); kb.capitals[k] == nil {
				kb.capitals[k] = c
			}
		}
	}
}

// fillAgentEntry makes an entry with an id like "RUS/MIL" into the sector
// actor the stage builds for "Russian military".
func (kb *KB) fillAgentEntry(e *Entry, iso, key string) {
	c, ag := kb.countries[iso], kb.agentKeys[key]
	if c == nil || ag == nil {
		return
	}
	a := kb.agentEntity(c, ag)
	if e.Name == "" {
		e.Name = a.Name
	}
	if e.Type == "" {
		e.Type = a.Type
	}
	if e.Country == "" {
		e.Country = a.Country
	}
	if e.CAMEO == "" {
		e.CAMEO = a.CAMEO
	}
}

// surnames returns the short forms a person is later called by: the last
// word of the name, with and without an "al-" particle.
func surnames(name string) []string {
	parts := strings.Fields(name)
	if len(parts) < 2 {
		return nil
	}
	last := parts[len(parts)-1]
	out := []string{last}
	low := strings.ToLower(last)
	for _, p := range []string{"al-", "el-", "al ", "as-", "ash-", "ad-"} {
		if strings.HasPrefix(low, p) && len(last) > len(p)+2 {
			out = append(out, last[len(p):])
		}
	}
	return out
}

func (kb *KB) addName(alias string, ref aliasRef) {
	k := normPhrase(alias)
	if k == "" {
		return
	}
	for _, r := range kb.names[k] {
		if r.e == ref.e {
			return
		}
	}
	kb.names[k] = append(kb.names[k], ref)
	n := len(strings.Fields(k))
	kb.maxWords = max(kb.maxWords, n)
	if !ref.short && !ref.acronym && len(k) >= 5 {
		sk := skeleton(k)
		kb.skel[sk] = append(kb.skel[sk], aliasRef{e: ref.e, key: k})
	}
}

// Entry returns the entry with the given id (without "kb:").
func (kb *KB) Entry(id string) (*Entry, bool) {
	e, ok := kb.entries[strings.TrimPrefix(id, "kb:")]
	return e, ok
}

// Country returns the country with the given ISO3 code.
func (kb *KB) Country(iso3 string) (*Country, bool) {
	c, ok := kb.countries[iso3]
	return c, ok
}

// Lookup returns the entries a name may refer to, best first, without
// regard to capitalisation or date.
func (kb *KB) Lookup(name string) []*Entry {
	refs := kb.names[normPhrase(name)]
	out := make([]*Entry, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.e)
	}
	return out
}

// Len returns the number of entries, countries included.
func (kb *KB) Len() int { return len(kb.entries) }

// agentEntity returns the sector actor of a country, e.g. "kb:RUS/MIL".
func (kb *KB) agentEntity(c *Country, a *Agent) sitrep.Entity {
	if a.Key == "" {
		return countryEntity(c)
	}
	name := c.Adjective + " " + a.Label
	return sitrep.Entity{
		ID: "kb:" + c.ISO3 + "/" + a.Key, Name: name, Type: a.Type,
		Country: c.ISO3, CAMEO: a.Prefix + c.CAMEO + a.Suffix, Known: true,
	}
}

// bareEntity is an agent named without a country ("rebels"), coded by
// its sector alone as CAMEO does ("REB").
func bareEntity(a *Agent) sitrep.Entity {
	return sitrep.Entity{ID: "kb:" + a.Key, Name: a.Label, Type: a.Type, CAMEO: a.Prefix + a.Suffix, Known: true}
}

func countryEntity(c *Country) sitrep.Entity {
	return sitrep.Entity{ID: "kb:" + c.ISO3, Name: c.Name, Type: sitrep.Country, Country: c.ISO3, CAMEO: c.CAMEO, Known: true}
}
