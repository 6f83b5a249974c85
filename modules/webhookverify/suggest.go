package webhookverify

import (
	"slices"
	"strings"
)

// nearest returns the names closest to a misspelt one, for a "did you
// mean" hint: of the names within editDistance max(1, len/3) of it, or that
// contain it or it them (ignoring case), those at the smallest distance, at
// most three. None when nothing is close.
func nearest(misspelt string, names []string) []string {
	in := strings.ToLower(misspelt)
	limit := max(1, len(in)/3)
	type candidate struct {
		name string
		dist int
	}
	var found []candidate
	for _, name := range names {
		n := strings.ToLower(name)
		d := editDistance(in, n)
		if d > limit && (len(in) < 3 || !strings.Contains(n, in) && !strings.Contains(in, n)) {
			continue
		}
		found = append(found, candidate{name, d})
	}
	slices.SortStableFunc(found, func(a, b candidate) int { return a.dist - b.dist })
	var out []string
	for _, c := range found {
		if c.dist > found[0].dist || len(out) == 3 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// didYouMean is "did you mean a or b?" for the names nearest to
// misspelt, or "" when none is near.
func didYouMean(misspelt string, names []string) string {
	near := nearest(misspelt, names)
	switch len(near) {
	case 0:
		return ""
	case 1:
		return "did you mean " + near[0] + "?"
	default:
		return "did you mean " + strings.Join(near[:len(near)-1], ", ") + " or " + near[len(near)-1] + "?"
	}
}

// editDistance is the Damerau-Levenshtein distance (optimal string
// alignment) between a and b, in bytes: insertions, deletions,
// substitutions and swaps of two neighbours each count one.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
