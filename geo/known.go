package geo

// KnownPlaceMinPop is the town size from which the standard pipeline
// takes an unknown capitalised name for the town: large enough that few
// people or companies share the name.
const KnownPlaceMinPop = 50000

// KnownPlace returns a test that the actor stage uses for capitalised
// names outside its knowledge base: whether the name is, by its preferred
// name, a country, a first-order division or a town of at least minPop
// inhabitants. Spelling variants do not count: a person's family name
// often matches some small town's transliteration.
func (g *Gazetteer) KnownPlace(minPop int64) func(name string) bool {
	return func(name string) bool {
		k := Key(name)
		for _, c := range g.candidates(k) {
			e := &g.entries[c.idx]
			if !c.exact || e.unplaced || Key(e.Name) != k {
				continue
			}
			switch {
			case e.Feature == "country", e.Feature == "admin1":
				return true
			case len(e.Feature) >= 3 && e.Feature[:3] == "PPL" && e.Population >= minPop:
				return true
			}
		}
		return false
	}
}
