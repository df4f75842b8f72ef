package main

import (
	"container/heap"
	"math"
)

// poleOfInaccessibility returns the point inside polygon p (outer ring
// first, then holes; [lon, lat] pairs) farthest from its border, to within
// precision degrees: the "visual centre" a map labeller would choose. It
// is Mapbox's polylabel search (grid cells refined best-first, pruned by
// the distance bound of each cell) on an equal-scale plane: longitudes are
// multiplied by the cosine of the outline's mid latitude, so that a wide
// northern country is not measured as if it were on the equator.
func poleOfInaccessibility(p [][][2]float64, precision float64) (lat, lon float64) {
	if len(p) == 0 || len(p[0]) < 3 {
		return 0, 0
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pt := range p[0] {
		minX, maxX = math.Min(minX, pt[0]), math.Max(maxX, pt[0])
		minY, maxY = math.Min(minY, pt[1]), math.Max(maxY, pt[1])
	}
	k := math.Cos((minY + maxY) / 2 * math.Pi / 180)
	if k < 0.05 {
		k = 0.05
	}
	rings := make([][][2]float64, len(p))
	for i, r := range p {
		rings[i] = make([][2]float64, len(r))
		for j, pt := range r {
			rings[i][j] = [2]float64{pt[0] * k, pt[1]}
		}
	}
	minX *= k
	maxX *= k
	w, h := maxX-minX, maxY-minY
	size := math.Min(w, h)
	if size == 0 {
		return minY, minX / k
	}
	var q cellQueue
	for x := minX; x < maxX; x += size {
		for y := minY; y < maxY; y += size {
			heap.Push(&q, newCell(x+size/2, y+size/2, size/2, rings))
		}
	}
	// Start from the ring's area centroid when it lies inside: polygons
	// whose grid misses their thin interior still get an inside answer.
	best := newCell(0, 0, 0, rings)
	if _, cy, cx := ringCentroid(rings[0]); !math.IsNaN(cx) {
		best = newCell(cx, cy, 0, rings)
	}
	if bb := newCell(minX+w/2, minY+h/2, 0, rings); bb.d > best.d {
		best = bb
	}
	for q.Len() > 0 {
		c := heap.Pop(&q).(cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		hs := c.h / 2
		for _, d := range [][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
			heap.Push(&q, newCell(c.x+d[0]*hs, c.y+d[1]*hs, hs, rings))
		}
	}
	return best.y, best.x / k
}

// cell is a square of the search grid: centre, half size, signed distance
// of the centre to the outline (negative outside) and the best distance
// any point in the cell could have.
type cell struct {
	x, y, h, d, max float64
}

func newCell(x, y, h float64, rings [][][2]float64) cell {
	d := pointToPolygon(x, y, rings)
	return cell{x: x, y: y, h: h, d: d, max: d + h*math.Sqrt2}
}

// pointToPolygon is the signed distance from (x, y) to the polygon's
// rings: positive inside (even-odd rule, so holes are outside).
func pointToPolygon(x, y float64, rings [][][2]float64) float64 {
	inside := false
	minSq := math.Inf(1)
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			minSq = math.Min(minSq, segDistSq(x, y, a, b))
		}
	}
	d := math.Sqrt(minSq)
	if !inside {
		d = -d
	}
	return d
}

func segDistSq(px, py float64, a, b [2]float64) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((px-x)*dx + (py-y)*dy) / (dx*dx + dy*dy)
		if t > 1 {
			x, y = b[0], b[1]
		} else if t > 0 {
			x += dx * t
			y += dy * t
		}
	}
	dx, dy = px-x, py-y
	return dx*dx + dy*dy
}

// cellQueue is a max-heap of cells by their bound.
type cellQueue []cell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(cell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
