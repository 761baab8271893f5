package page_test

import (
	"cmp"
	"fmt"
	"log"
	"strings"

	"github.com/stancekit/stancekit/page"
)

// Text copied from a web page: its menu, title, byline, caption and share
// buttons come with the claims.
func ExampleParts() {
	text := `Home | World | Asia | Opinion

Tokyo weighs fishing talks as Moscow stalls

By Kenji Arakawa
March 3, 2019

Officials meet in Tokyo on Monday. (Photo: Reuters)

Moscow refuses to meet Tokyo halfway on the islands. The talks took place in May.

Share this article on Facebook`
	for _, p := range page.Parts(text) {
		if p.Skip {
			fmt.Printf("skip %-10s %s\n", p.Kind, p.Text)
		} else {
			fmt.Printf("claim           %s\n", p.Text)
		}
	}
	// Output:
	// skip navigation Home | World | Asia | Opinion
	// skip title      Tokyo weighs fishing talks as Moscow stalls
	// skip byline     By Kenji Arakawa
	// skip dateline   March 3, 2019
	// skip caption    Officials meet in Tokyo on Monday. (Photo: Reuters)
	// claim           Moscow refuses to meet Tokyo halfway on the islands.
	// claim           The talks took place in May.
	// skip widget     Share this article on Facebook
}

// A saved HTML page: the main text and what the page says of itself.
func ExampleRead() {
	html := `<!DOCTYPE html>
<html><head>
<title>Tokyo weighs fishing talks | The Daily Example</title>
<meta name="author" content="Kenji Arakawa">
<meta property="article:published_time" content="2019-03-03T06:00:00+09:00">
<script>track("page")</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
<article>
<h1>Tokyo weighs fishing talks</h1>
<p>The government is preparing a new proposal on salmon and crab quotas around the disputed islands,
according to officials familiar with the plan. The offer is meant to keep a working channel open
while talks on a peace treaty remain frozen.</p>
<p>Moscow has so far answered each Japanese initiative with a request for more investment in the
Russian Far East. Officials in Tokyo say the two tracks cannot be separated for long.</p>
</article>
<footer>© The Daily Example</footer>
</body></html>`
	p, err := page.Read(strings.NewReader(html))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q by %s, %s\n", p.Title, p.Author, p.Date)
	for _, c := range page.Claims(p.Text()) {
		fmt.Println("-", c)
	}
	// Output:
	// "Tokyo weighs fishing talks" by Kenji Arakawa, 2019-03-03
	// - The government is preparing a new proposal on salmon and crab quotas around the disputed islands, according to officials familiar with the plan.
	// - The offer is meant to keep a working channel open while talks on a peace treaty remain frozen.
	// - Moscow has so far answered each Japanese initiative with a request for more investment in the Russian Far East.
	// - Officials in Tokyo say the two tracks cannot be separated for long.
}

// Open reads a file as `stance classify` does, whether it holds plain text
// or a saved HTML page.
func ExampleOpen() {
	for _, in := range []string{
		"Home | World | Asia\n\nMoscow refuses to meet Tokyo halfway on the islands.",
		`<!DOCTYPE html><html><head><title>Talks</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><p>Moscow refuses to meet Tokyo halfway on the islands. Both sides should compromise
on fishing quotas before the next round of talks, officials in Tokyo said on Monday.</p></article>
</body></html>`,
	} {
		sc, err := page.Open(strings.NewReader(in))
		if err != nil {
			log.Fatal(err)
		}
		for i := 0; sc.Scan(); i++ {
			p := sc.Part()
			fmt.Printf("%d %-10s %s\n", i, cmp.Or(p.Kind, "claim"), p.Text)
		}
		if err := sc.Err(); err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// 0 navigation Home | World | Asia
	// 1 claim      Moscow refuses to meet Tokyo halfway on the islands.
	// 0 claim      Moscow refuses to meet Tokyo halfway on the islands.
	// 1 claim      Both sides should compromise on fishing quotas before the next round of talks, officials in Tokyo said on Monday.
}
