package actor

import (
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// holders returns the ids of the entries with a role of the given office
// that covers date (YYYY-MM-DD), whether or not a later line of theirs
// overrides it for coding.
func holders(kb *KB, office, date string) []string {
	var out []string
	for id, e := range kb.entries {
		for _, r := range e.Roles {
			if r.Office == office && r.active(date) {
				out = append(out, id)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestOfficeHolders checks who held an office on a date across changes of
// office holder, in every country people_officials.tsv covers.
func TestOfficeHolders(t *testing.T) {
	kb := loadTestKB(t)
	for _, tt := range []struct{ office, date, want string }{
		{"Foreign Minister of Saudi Arabia", "2014-06-01", "saud-al-faisal"},
		{"Foreign Minister of Saudi Arabia", "2016-06-01", "adel-al-jubeir"},
		{"Foreign Minister of Saudi Arabia", "2019-06-01", "ibrahim-al-assaf"},
		{"Foreign Minister of Saudi Arabia", "2021-06-01", "faisal-bin-farhan"},
		{"Minister of Defence of Saudi Arabia", "2020-06-01", "mohammed-bin-salman"},
		{"Minister of Defence of Saudi Arabia", "2023-06-01", "khalid-bin-salman"},
		{"Minister of National Defense of China", "2012-06-01", "liang-guanglie"},
		{"Minister of National Defense of China", "2019-06-01", "wei-fenghe"},
		{"Minister of National Defense of China", "2024-06-01", "dong-jun"},
		{"Premier of China", "2024-06-01", "li-qiang"},
		{"President of France", "2016-06-01", "francois-hollande"},
		{"President of France", "2018-06-01", "emmanuel-macron"},
		{"Prime Minister of France", "2023-06-01", "elisabeth-borne"},
		{"Prime Minister of France", "2025-03-01", "francois-bayrou"},
		{"President of Syria", "2020-06-01", "bashar-al-assad"},
		{"President of Syria", "2025-06-01", "ahmed-al-sharaa"},
		{"Minister of Defence of Syria", "2023-06-01", "ali-mahmoud-abbas"},
		{"Minister of Defence of Syria", "2025-06-01", "murhaf-abu-qasra"},
		{"Foreign Minister of Syria", "2025-06-01", "asaad-al-shaibani"},
		{"Chief of the General Staff of the IDF", "2020-06-01", "aviv-kochavi"},
		{"Chief of the General Staff of the IDF", "2024-06-01", "herzi-halevi"},
		{"Chief of the General Staff of the IDF", "2025-06-01", "eyal-zamir"},
		{"Minister of Defence of Israel", "2012-06-01", "ehud-barak"},
		{"Minister of Defence of Israel", "2025-06-01", "israel-katz"},
		{"Speaker of the Knesset", "2016-06-01", "yuli-edelstein"},
		{"Foreign Secretary", "2020-06-01", "dominic-raab"},
		{"Foreign Secretary", "2024-08-01", "david-lammy"},
		{"Prime Minister of the United Kingdom", "2023-06-01", "rishi-sunak"},
		{"Secretary of Defense", "2012-06-01", "leon-panetta"},
		{"Secretary of Defense", "2020-06-01", "mark-esper"},
		{"Secretary of Defense", "2025-06-01", "pete-hegseth"},
		{"Chairman of the Joint Chiefs of Staff", "2021-06-01", "mark-milley"},
		{"Speaker of the House of Representatives", "2016-06-01", "paul-ryan"},
		{"White House Press Secretary", "2023-06-01", "karine-jean-pierre"},
		{"Minister of Defence of Ukraine", "2022-06-01", "oleksii-reznikov"},
		{"Minister of Defence of Ukraine", "2024-06-01", "rustem-umerov"},
		{"Foreign Minister of Ukraine", "2025-01-01", "andrii-sybiha"},
		{"Chairman of the Verkhovna Rada", "2018-06-01", "andriy-parubiy"},
		{"Minister of Defence of Russia", "2011-06-01", "anatoly-serdyukov"},
		{"Prime Minister of Lebanon", "2020-06-01", "hassan-diab"},
		{"Prime Minister of Lebanon", "2023-06-01", "najib-mikati"},
		{"Prime Minister of Lebanon", "2025-06-01", "nawaf-salam"},
		{"Commander of the Lebanese Armed Forces", "2020-06-01", "joseph-aoun"},
		{"Prime Minister of Egypt", "2013-01-01", "hesham-qandil"},
		{"Prime Minister of Egypt", "2019-06-01", "mostafa-madbouly"},
		{"President of Egypt", "2012-10-01", "mohamed-morsi"},
		{"Minister of Defence of Iran", "2019-06-01", "amir-hatami"},
		{"Minister of Defence of Iran", "2023-06-01", "mohammad-reza-ashtiani"},
		{"Commander of the Revolutionary Guards", "2025-09-01", "mohammad-pakpour"},
		{"Speaker of the Grand National Assembly", "2020-06-01", "mustafa-sentop"},
		{"Speaker of the Grand National Assembly", "2024-06-01", "numan-kurtulmus"},
		{"Minister of National Defence of Turkey", "2024-06-01", "yasar-guler"},
		{"President of Iraq", "2020-06-01", "barham-salih"},
		{"Minister of Defence of Iraq", "2021-06-01", "juma-inad"},
		{"Prime Minister of Qatar", "2021-06-01", "khalid-bin-khalifa"},
		{"Prime Minister of Qatar", "2024-06-01", "mohammed-bin-abdulrahman"},
		{"Emir of Kuwait", "2022-06-01", "nawaf-al-ahmad"},
		{"Emir of Kuwait", "2024-06-01", "mishal-al-ahmad"},
		{"Prime Minister of Bahrain", "2019-06-01", "khalifa-bin-salman"},
		{"Prime Minister of Bahrain", "2022-06-01", "salman-bin-hamad"},
		{"Sultan of Oman", "2021-06-01", "haitham-bin-tariq"},
		{"Foreign Minister of Oman", "2025-06-01", "badr-al-busaidi"},
		{"Prime Minister of Jordan", "2019-06-01", "omar-razzaz"},
		{"Prime Minister of Jordan", "2025-06-01", "jafar-hassan"},
		{"Prime Minister of Yemen", "2017-06-01", "ahmed-obeid-bin-daghr"},
		{"Prime Minister of Yemen", "2021-06-01", "maeen-abdulmalik"},
		{"President of the Houthi Supreme Political Council", "2017-06-01", "saleh-al-sammad"},
		{"President of the Houthi Supreme Political Council", "2020-06-01", "mahdi-al-mashat"},
		{"Prime Minister of the Palestinian Authority", "2022-06-01", "mohammad-shtayyeh"},
		{"Head of the Hamas Political Bureau", "2024-09-01", "yahya-sinwar"},
		{"President of the United Arab Emirates", "2021-06-01", "khalifa-bin-zayed"},
	} {
		got := holders(kb, tt.office, tt.date)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s on %s: held by %v, want %s", tt.office, tt.date, got, tt.want)
		}
	}
}

// findID returns the entity with the given id.
func findID(es []sitrep.Entity, id string) (sitrep.Entity, bool) {
	for _, e := range es {
		if e.ID == id {
			return e, true
		}
	}
	return sitrep.Entity{}, false
}

// TestOfficialsInText runs the stage on short dated texts: a person named
// in any usual spelling is found, and coded by the office held on the
// publication date.
func TestOfficialsInText(t *testing.T) {
	for _, tt := range []struct{ text, date, id, cameo, country string }{
		{"Khalid bin Salman met officials in Washington.", "2018-06-01", "kb:khalid-bin-salman", "SAUGOV", "SAU"},
		{"Khalid bin Salman inspected the troops.", "2023-06-01", "kb:khalid-bin-salman", "SAUMIL", "SAU"},
		{"Saudi Foreign Minister Ibrahim al-Assaf arrived in Cairo.", "2019-03-01", "kb:ibrahim-al-assaf", "SAUGOV", "SAU"},
		{"Joseph Aoun visited the southern border.", "2020-06-01", "kb:joseph-aoun", "LBNMIL", "LBN"},
		{"Joseph Aoun visited the southern border.", "2025-06-01", "kb:joseph-aoun", "LBNGOV", "LBN"},
		{"Rustem Umerov arrived in Washington.", "2024-06-01", "kb:rustem-umerov", "UKRMIL", "UKR"},
		{"Rustem Umerov arrived in Washington.", "2025-09-01", "kb:rustem-umerov", "UKRGOV", "UKR"},
		{"Mohammed al-Bashir spoke in Idlib.", "2024-06-01", "kb:mohammed-al-bashir", "SYRREBMOS", "SYR"},
		{"Mohammed al-Bashir spoke in Damascus.", "2025-01-15", "kb:mohammed-al-bashir", "SYRGOV", "SYR"},
		{"Keir Starmer criticised the government.", "2023-06-01", "kb:keir-starmer", "GBROPP", "GBR"},
		{"Keir Starmer met the president.", "2025-06-01", "kb:keir-starmer", "GBRGOV", "GBR"},
		{"Gabi Ashkenazi toured the front.", "2010-06-01", "kb:gabi-ashkenazi", "ISRMIL", "ISR"},
		{"Gabi Ashkenazi met his counterpart.", "2020-10-01", "kb:gabi-ashkenazi", "ISRGOV", "ISR"},
		{"Yariv Levin opened the session.", "2021-01-01", "kb:yariv-levin", "ISRLEG", "ISR"},
		{"Yariv Levin presented the reform.", "2023-02-01", "kb:yariv-levin", "ISRGOV", "ISR"},
		{"Mohammed Mursi addressed the nation.", "2013-01-01", "kb:mohamed-morsi", "EGYGOV", "EGY"},
		{"Mohammed Mursi appeared in court.", "2015-01-01", "kb:mohamed-morsi", "EGYELI", "EGY"},
		{"Hegseth ordered the strikes.", "2025-06-01", "kb:pete-hegseth", "USAMIL", "USA"},
		{"Esmaeil Baqaei rejected the claims.", "2025-06-01", "kb:esmaeil-baghaei", "IRNGOV", "IRN"},
		{"Yasar Guler met his Russian counterpart.", "2020-06-01", "kb:yasar-guler", "TURMIL", "TUR"},
		{"Wei Fenghe met Lloyd Austin in Singapore.", "2022-06-10", "kb:wei-fenghe", "CHNMIL", "CHN"},
		{"Mahdi al-Mashat threatened Riyadh.", "2019-09-01", "kb:mahdi-al-mashat", "YEMREBSHI", "YEM"},
		{"Rashad al-Alimi flew to Riyadh.", "2023-04-01", "kb:rashad-al-alimi", "YEMGOV", "YEM"},
		{"Sergei Surovikin ordered the withdrawal from Kherson.", "2022-11-09", "kb:sergei-surovikin", "RUSMIL", "RUS"},
		{"Gideon Saar met his German counterpart.", "2025-03-01", "kb:gideon-saar", "ISRGOV", "ISR"},
	} {
		es := run(t, tt.text, tt.date)
		e, ok := findID(es, tt.id)
		if !ok {
			t.Errorf("%q on %s: no %s; got %+v", tt.text, tt.date, tt.id, es)
			continue
		}
		if e.CAMEO != tt.cameo || e.Country != tt.country || e.Type != sitrep.Person {
			t.Errorf("%q on %s: got cameo=%s country=%s type=%s; want %s %s person",
				tt.text, tt.date, e.CAMEO, e.Country, e.Type, tt.cameo, tt.country)
		}
	}
}

// tsvLines returns the tab-separated non-comment lines of a built-in file.
func tsvLines(t *testing.T, name string) [][]string {
	t.Helper()
	data, err := fs.ReadFile(builtin, "data/"+name)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimRight(line, "\r"); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}

// TestOfficialsWellFormed checks the role lines of the people files: every
// id resolves to a person, dates are valid and in order, the office has a
// country or is international and the role code is the country's
// (or a transnational group's). It also
// checks people_officials.tsv gives no second id to a person an earlier
// file defines.
func TestOfficialsWellFormed(t *testing.T) {
	kb := loadTestKB(t)
	known := map[string]string{} // normalised name or alias -> id, from the earlier files
	for _, file := range []string{"people.tsv", "people_more.tsv", "people_officials.tsv"} {
		for _, f := range tsvLines(t, file) {
			switch f[0] {
			case "actor":
				if len(f) < 6 {
					t.Errorf("%s: short actor line %q", file, f)
					continue
				}
				names := []string{f[5]}
				if len(f) > 6 {
					names = append(names, splitList(f[6])...)
				}
				if file != "people_officials.tsv" {
					known[f[1]] = f[1]
					for _, n := range names {
						known[normPhrase(n)] = f[1]
					}
					continue
				}
				if _, dup := known[f[1]]; dup {
					t.Errorf("%s: actor %s is already defined in an earlier file", file, f[1])
				}
				for _, n := range names {
					if id, dup := known[normPhrase(n)]; dup && id != f[1] {
						t.Errorf("%s: %s named %q, a name of %s in an earlier file", file, f[1], n, id)
					}
				}
			case "role":
				if len(f) != 7 {
					t.Errorf("%s: role line with %d fields: %q", file, len(f), f)
					continue
				}
				e, ok := kb.Entry(f[1])
				if !ok || e.Type != sitrep.Person {
					t.Errorf("%s: role of %s, which is no person in the knowledge base", file, f[1])
					continue
				}
				from, to := normDate(f[2], false), normDate(f[3], true)
				if f[2] != "-" && from == "" || f[3] != "-" && to == "" {
					t.Errorf("%s: %s has a bad date: %q %q", file, f[1], f[2], f[3])
				}
				if from != "" && to != "" && from > to {
					t.Errorf("%s: %s %s starts %s after it ends %s", file, f[1], f[6], f[2], f[3])
				}
				if f[6] == "" || f[6] == "-" {
					t.Errorf("%s: %s has a role without an office", file, f[1])
				}
				if f[5] == "-" {
					continue // an international office
				}
				c, ok := kb.Country(f[5])
				if !ok {
					t.Errorf("%s: %s has a role in unknown country %q", file, f[1], f[5])
				} else if !strings.HasPrefix(f[4], c.CAMEO) && !strings.HasPrefix(f[4], "IMG") {
					// A country's office is coded as the country, but a
					// transnational group (the Islamic State's IMG...) as itself.
					t.Errorf("%s: %s is coded %s for an office of %s", file, f[1], f[4], f[5])
				}
			}
		}
	}
	for id, e := range kb.entries {
		for _, r := range e.Roles {
			if r.From != "" && r.To != "" && r.From > r.To {
				t.Errorf("%s: role %q from %s after its end %s", id, r.Office, r.From, r.To)
			}
		}
	}
}
