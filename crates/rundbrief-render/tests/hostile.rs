//! Hostile Markdown: each case must leave no way to run code in the complete rendered mail.
//!
//! The whole personalised HTML document (layout included) is checked, with a hostile name and
//! e-mail address as well, because a placeholder is one more way into the markup.

#![allow(clippy::unwrap_used)]

mod common;

use common::{UNSUBSCRIBE, html_escape, render, safety_problems};
use rundbrief_render::Personalisation;

const CORPUS: &[(&str, &str)] = &[
    ("script lower case", "<script>alert(1)</script>"),
    ("script upper case", "<SCRIPT>alert(1)</SCRIPT>"),
    ("script mixed case with src", "<ScRiPt src=https://evil.example/x.js></ScRiPt>"),
    ("script inline in a paragraph", "Hallo <script>alert(1)</script> Welt"),
    ("script tag split over lines", "<script\ntype=\"text/javascript\">alert(1)</script>"),
    ("script never closed", "Text\n\n<script>alert(1)\n\nmore"),
    ("script split by nested tag", "<scr<script>ipt>alert(1)</script>"),
    ("img onerror", "<img src=x onerror=alert(1)>"),
    ("IMG OnErRoR mixed case", "<IMG SRC=x OnErRoR=\"alert(1)\">"),
    ("svg onload", "<svg onload=alert(1)>"),
    ("script inside svg", "<svg><script>alert(1)</script></svg>"),
    ("body onload", "<body onload=alert(1)>text</body>"),
    ("details ontoggle", "<details open ontoggle=alert(1)>x</details>"),
    ("video source onerror", "<video><source onerror=alert(1)></video>"),
    ("safe link with onclick", "<a href=\"https://ok.example\" onclick=\"alert(1)\">ok</a>"),
    ("markdown link javascript:", "[klick](javascript:alert(1))"),
    ("markdown link JaVaScRiPt:", "[klick](JaVaScRiPt:alert(1))"),
    ("markdown link in angle brackets", "[klick](<javascript:alert(1)>)"),
    ("markdown link decimal entity", "[klick](&#106;avascript:alert(1))"),
    ("markdown link hex entities", "[klick](&#x6A;avascript&#x3A;alert(1))"),
    ("markdown link entity colon", "[klick](javascript&colon;alert(1))"),
    ("autolink javascript:", "<javascript:alert(1)>"),
    ("autolink JAVASCRIPT:", "<JAVASCRIPT:alert(1)>"),
    ("raw a href javascript", "<a href=\"javascript:alert(1)\">x</a>"),
    ("raw a href unquoted", "<a href=javascript:alert(1)>x</a>"),
    ("raw a href leading spaces", "<a href=\"  javascript:alert(1)\">x</a>"),
    ("raw a href leading control char", "<a href=\"\u{1}javascript:alert(1)\">x</a>"),
    ("raw a href tab entity", "<a href=\"java&#x09;script:alert(1)\">x</a>"),
    ("raw a href literal tab", "<a href=\"java\tscript:alert(1)\">x</a>"),
    ("raw a href newline entity", "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>"),
    (
        "raw a href padded decimal entities without semicolons",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
    ),
    ("raw a href &colon;", "<a href=\"javascript&colon;alert(1)\">x</a>"),
    (
        "markdown link data:text/html",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ),
    ("raw a href data:text/html", "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>"),
    ("image data: URL", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
    ("markdown link vbscript:", "[x](vbscript:msgbox(1))"),
    ("raw a href VBScript:", "<a href=\"VBScript:msgbox(1)\">x</a>"),
    ("image URL javascript:", "![x](javascript:alert(1))"),
    ("raw img src javascript:", "<img src=\"javascript:alert(1)\" alt=\"x\">"),
    (
        "img srcset javascript:",
        "<img src=\"https://ok.example/a.png\" srcset=\"javascript:alert(1)\">",
    ),
    (
        "table background javascript:",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    ),
    ("iframe", "<iframe src=\"https://evil.example\"></iframe>"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>"),
    ("style element", "<style>body{background:url(javascript:alert(1))}</style>"),
    ("style attribute", "<p style=\"background:url(javascript:alert(1))\">x</p>"),
    ("style attribute expression", "<div style=\"width: expression(alert(1))\">x</div>"),
    (
        "form with formaction",
        "<form action=\"javascript:alert(1)\"><input type=submit formaction=\"javascript:alert(1)\"><button>go</button></form>",
    ),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">"),
    ("base href", "<base href=\"javascript:alert(1)//\">"),
    ("link stylesheet", "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">"),
    ("object data", "<object data=\"javascript:alert(1)\"></object>"),
    ("embed src", "<embed src=\"javascript:alert(1)\">"),
    (
        "link title attribute injection (double quote)",
        "[x](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
    ),
    (
        "link title attribute injection (single quotes)",
        "[x](https://ok.example 'x\" onclick=\"alert(1)')",
    ),
    ("comment hiding script", "<!-- --><script>alert(1)</script><!-- -->"),
    ("conditional comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"),
    ("malformed comment end", "<!-- --!><script>alert(1)</script> -->"),
    ("reference-style link", "[x][evil]\n\n[evil]: javascript:alert(1)"),
    ("reference-style image", "![x][img]\n\n[img]: javascript:alert(1)"),
    ("raw HTML block around Markdown", "<div onclick=\"alert(1)\">\n\n**fett**\n\n</div>"),
    ("mathml xlink:href", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>"),
    (
        "svg/iframe namespace confusion",
        "<svg><iframe><a title=\"</iframe><img src onerror=alert(1)>\">test",
    ),
    (
        "noscript breakout",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    ),
    ("xmp breakout", "<xmp><script>alert(1)</script></xmp>"),
    ("code span with markup", "`<script>alert(1)</script>`"),
    ("placeholder as whole link URL", "[x]({{ name }})"),
    ("placeholder as raw href", "<a href=\"{{ email }}\">x</a>"),
    ("placeholder as img src", "<img src=\"{{ name }}\" alt=\"{{ name }}\">"),
    ("placeholder inside link query", "[x](https://ok.example/?n={{ name }}&e={{ email }})"),
    ("placeholder in attribute and text", "<p title=\"{{ name }}\">{{ name }}</p>"),
];

/// Values that would break out of any context they were not escaped for.
const HOSTILE_NAME: &str =
    "\"><script>alert(1)</script><img src=x onerror=alert(1)>javascript:alert(1)";
const HOSTILE_EMAIL: &str = "javascript:alert(1)//\"onmouseover=\"alert(1)@example.org";

#[test]
fn corpus_is_large_enough_and_distinct() {
    assert!(CORPUS.len() >= 30, "corpus has {} cases", CORPUS.len());
    let mut inputs: Vec<&str> = CORPUS.iter().map(|(_, md)| *md).collect();
    inputs.sort_unstable();
    inputs.dedup();
    assert_eq!(inputs.len(), CORPUS.len(), "corpus cases must be distinct");
}

#[test]
fn no_hostile_case_survives_in_the_rendered_mail() {
    let who = Personalisation {
        name: Some(HOSTILE_NAME),
        email: HOSTILE_EMAIL,
        unsubscribe_url: UNSUBSCRIBE,
        preferences_url: common::PREFERENCES,
    };
    let mut failures = Vec::new();
    for (name, markdown) in CORPUS {
        let (html, _) = render(markdown, &who);
        let problems = safety_problems(&html);
        if !problems.is_empty() {
            failures.push(format!("{name}: {problems:?}"));
        }
        // Nothing may have swallowed the rest of the layout.
        let footer_link = format!("href=\"{}\"", html_escape(UNSUBSCRIBE));
        if !html.contains(&footer_link) || !html.trim_end().ends_with("</html>") {
            failures.push(format!("{name}: layout after the content is damaged"));
        }
    }
    assert!(failures.is_empty(), "unsafe output:\n{}", failures.join("\n"));
}

#[test]
fn the_checker_itself_catches_what_it_should() {
    for bad in [
        "<p>x</p><SCRIPT>alert(1)</SCRIPT>",
        "<img src=x OnError=alert(1)>",
        "<a href=\" &#106;avascript:alert(1)\">x</a>",
        "<a href='data:text/html,x'>x</a>",
        "<a href=VBSCRIPT:x>x</a>",
        "<p style=\"background:url(x)\">x</p>",
        "<!-- <script> -->",
    ] {
        assert!(!safety_problems(bad).is_empty(), "checker missed {bad}");
    }
    // Harmless text that merely mentions the dangerous words.
    assert!(safety_problems("<p>Set onload=x or javascript: in text</p>").is_empty());
}

#[test]
fn links_get_rel_noopener_noreferrer() {
    let (html, _) = render("[Beispiel](https://ok.example/a)", &common::person(Some("Anna")));
    let links: Vec<_> = common::tags(&html)
        .into_iter()
        .filter(|(tag, attrs)| {
            tag == "a" && attrs.iter().any(|(n, v)| n == "href" && v == "https://ok.example/a")
        })
        .collect();
    assert_eq!(links.len(), 1, "{html}");
    assert!(links[0].1.iter().any(|(n, v)| n == "rel" && v == "noopener noreferrer"), "{html}");
}

#[test]
fn allowed_schemes_survive() {
    let (html, _) = render(
        "[w](https://ok.example) [h](http://ok.example) [m](mailto:info@ok.example) [t](tel:+4912345)",
        &common::person(None),
    );
    for href in
        ["https://ok.example", "http://ok.example", "mailto:info@ok.example", "tel:+4912345"]
    {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href} missing in {html}");
    }
}

#[test]
fn harmless_text_of_hostile_markup_is_kept_or_dropped_but_never_executed() {
    let (html, text) =
        render("Vorher <b onclick=\"alert(1)\">fett</b> nachher", &common::person(None));
    assert!(html.contains("Vorher <b>fett</b> nachher"), "{html}");
    assert!(text.starts_with("Vorher fett nachher\n"), "{text}");
}
