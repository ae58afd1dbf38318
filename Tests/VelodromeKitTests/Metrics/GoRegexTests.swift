import Testing
import VelodromeKit

// Expected values follow Go's regexp semantics (MatchString: an unanchored
// search), worked out from Go's regexp/syntax source, not from ICU.

struct MatchCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let text: String
    let matches: Bool
    init(_ pattern: String, _ text: String, _ matches: Bool) {
        self.pattern = pattern
        self.text = text
        self.matches = matches
    }
    var testDescription: String {
        "\(pattern.debugDescription) ~ \(text.debugDescription) -> \(matches)"
    }
}

struct InvalidCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let problem: String
    let offset: Int
    init(_ pattern: String, _ problem: String, _ offset: Int) {
        self.pattern = pattern
        self.problem = problem
        self.offset = offset
    }
    var testDescription: String { pattern.debugDescription }
}

private func check(_ c: MatchCase) throws {
    let regex = try GoRegex(c.pattern)
    #expect(regex.matches(c.text) == c.matches, "\(c.testDescription)")
}

// MARK: - Config regexes

let configCases: [MatchCase] = [
    MatchCase("(?m)^/lgtm$", "/lgtm", true),
    MatchCase("(?m)^/lgtm$", "looks good\n/lgtm", true),
    MatchCase("(?m)^/lgtm$", "/lgtm\nthanks", true),
    MatchCase("(?m)^/lgtm$", "/lgtm\n", true),
    MatchCase("(?m)^/lgtm$", "a\n/lgtm\nb", true),
    MatchCase("(?m)^/lgtm$", "/lgtm cancel", false),
    MatchCase("(?m)^/lgtm$", "please /lgtm", false),
    MatchCase("(?m)^/lgtm$", "/lgtm\r\nthanks", false),
    MatchCase("(?m)^/lgtm$", "/lgtm\r\n", false),
    MatchCase("(?m)^/lgtm$", "/LGTM", false),
    MatchCase("(?m)^/lgtm$", "\r\n/lgtm", true),
    MatchCase("(?m)^/lgtm$", "x\r/lgtm", false),
    MatchCase("(?m)^/lgtm$", "", false),
    MatchCase("(?m)^/approve$", "/approve", true),
    MatchCase("(?m)^/approve$", "ok\n/approve\n", true),
    MatchCase("(?m)^/approve$", "/approve no-issue", false),
    MatchCase("(?m)^/approve$", "/approved", false),
    MatchCase("(?m)^@k8s-bot.*test this", "@k8s-bot test this", true),
    MatchCase("(?m)^@k8s-bot.*test this", "@k8s-bot e2e test this please", true),
    MatchCase("(?m)^@k8s-bot.*test this", "hi\n@k8s-bot unit test this", true),
    MatchCase("(?m)^@k8s-bot.*test this", "@k8s-bot\ntest this", false),
    MatchCase("(?m)^@k8s-bot.*test this", "hi @k8s-bot test this", false),
    MatchCase("(?m)^@k8s-bot.*test this", "@K8S-BOT test this", false),
    MatchCase(".*", "", true),
    MatchCase(".*", "anything at all", true),
    MatchCase(".*", "\n\n", true),
]

@Test("Velodrome config regexes", arguments: configCases)
func configRegexes(_ c: MatchCase) throws { try check(c) }

// MARK: - Anchors

let anchorCases: [MatchCase] = [
    MatchCase("abc$", "abc", true),
    MatchCase("abc$", "abc\n", false),
    MatchCase("abc$", "abc\nabc", true),
    MatchCase("abc$", "abc\nx", false),
    MatchCase("abc\\z", "abc\n", false),
    MatchCase("^abc", "abc", true),
    MatchCase("^abc", "x\nabc", false),
    MatchCase("\\Aabc", "x\nabc", false),
    MatchCase("(?m)^abc", "x\nabc", true),
    MatchCase("(?m)abc$", "abc\nx", true),
    MatchCase("(?m)\\Aabc", "x\nabc", false),
    MatchCase("(?m)abc\\z", "abc\nx", false),
    MatchCase("(?m)^$", "a\n", true),
    MatchCase("(?m)^$", "a", false),
    MatchCase("(?m)^$", "", true),
    MatchCase("(?m)a$", "a\r\nb", false),
    MatchCase("(?m)a$", "a\nb", true),
    MatchCase("(?m)^b", "a\u{2028}b", false),
    MatchCase("(?m)^b", "a\rb", false),
    MatchCase("^$", "\n", false),
    MatchCase("^$", "", true),
    MatchCase("(?m:^a)|^b", "x\na", true),
    MatchCase("(?m:^a)|^b", "x\nb", false),
    MatchCase("((?m)^a)b|^c", "x\nc", false),
    MatchCase("^*a", "ba", true),
    MatchCase("$+", "x", true),
    MatchCase("x\\z{2}", "ax", true),
]

@Test("^, $, \\A and \\z with and without (?m)", arguments: anchorCases)
func anchors(_ c: MatchCase) throws { try check(c) }

// MARK: - Dot

let dotCases: [MatchCase] = [
    MatchCase("a.b", "a\nb", false),
    MatchCase("(?s)a.b", "a\nb", true),
    MatchCase("(?s:a.)b.", "a\nbx", true),
    MatchCase("(?s:a.)b.", "a\nb\n", false),
    MatchCase("a.b", "a\rb", true),
    MatchCase("a.b", "a\u{2028}b", true),
    MatchCase("a.b", "a\u{85}b", true),
    MatchCase("a.b", "aéb", true),
    MatchCase("^.$", "😀", true),
    MatchCase("^..$", "😀", false),
    MatchCase("^.$", "e\u{301}", false),
    MatchCase("^..$", "e\u{301}", true),
    MatchCase("(?s)^.$", "\n", true),
    MatchCase("(?s-s)a.b", "a\nb", false),
]

@Test("dot with and without (?s)", arguments: dotCases)
func dot(_ c: MatchCase) throws { try check(c) }

// MARK: - ASCII-only Perl classes and word boundaries

let perlClassCases: [MatchCase] = [
    MatchCase("\\d", "3", true),
    MatchCase("\\d", "٣", false),
    MatchCase("\\D", "٣", true),
    MatchCase("^\\d+$", "12٣", false),
    MatchCase("\\w", "é", false),
    MatchCase("\\W", "é", true),
    MatchCase("^\\w+$", "abc_123", true),
    MatchCase("\\s", "\u{A0}", false),
    MatchCase("\\s", "\u{0B}", false),
    MatchCase("\\s", "\u{2003}", false),
    MatchCase("\\s", "\t", true),
    MatchCase("\\s", "\r", true),
    MatchCase("\\S", "\u{A0}", true),
    MatchCase("\\S", " ", false),
    MatchCase("[\\d_]", "_", true),
    MatchCase("[\\d_]", "٣", false),
    MatchCase("[^\\s]", " ", false),
    MatchCase("[^\\s]", "\u{A0}", true),
    MatchCase("[\\S]", "\u{A0}", true),
    MatchCase("[^\\S]", " ", true),
    MatchCase("[^\\S]", "x", false),
    MatchCase("[^\\D]", "5", true),
    MatchCase("[^\\D]", "x", false),
    MatchCase("[\\W\\d]", "5", true),
    MatchCase("[\\W\\d]", "x", false),
    MatchCase("[\\W\\d]", "é", true),
    MatchCase("[^\\W\\d]", "x", true),
    MatchCase("[^\\W\\d]", "5", false),
    MatchCase("[\\d-z]", "-", true),
    MatchCase("[\\d-z]", "y", false),
    MatchCase("\\bfoo\\b", "a foo b", true),
    MatchCase("\\bfoo\\b", "foobar", false),
    MatchCase("\\bfoo\\b", "éfooé", true),
    MatchCase("\\bfoo", "_foo", false),
    MatchCase("\\Bfoo", "éfoo", false),
    MatchCase("\\Bfoo", "xfoo", true),
    MatchCase("\\b", "", false),
    MatchCase("\\B", "", true),
    MatchCase("\\b", "é", false),
    MatchCase("^\\b+a", "a", true),
    MatchCase("a\\b?b", "ab", true),
]

@Test("\\d \\w \\s \\b are ASCII-only", arguments: perlClassCases)
func perlClasses(_ c: MatchCase) throws { try check(c) }

// MARK: - POSIX classes

let posixCases: [MatchCase] = [
    MatchCase("[[:alpha:]]", "a", true),
    MatchCase("[[:alpha:]]", "é", false),
    MatchCase("[[:^alpha:]]", "é", true),
    MatchCase("[[:^alpha:]]", "a", false),
    MatchCase("[[:alnum:]]", "Z", true),
    MatchCase("[[:alnum:]]", "_", false),
    MatchCase("[[:ascii:]]", "é", false),
    MatchCase("[[:ascii:]]", "\u{7F}", true),
    MatchCase("[[:blank:]]", "\t", true),
    MatchCase("[[:blank:]]", "\n", false),
    MatchCase("[[:cntrl:]]", "\u{7F}", true),
    MatchCase("[[:cntrl:]]", "\u{85}", false),
    MatchCase("[[:digit:]]", "٣", false),
    MatchCase("[[:graph:]]", " ", false),
    MatchCase("[[:graph:]]", "~", true),
    MatchCase("[[:lower:]]", "é", false),
    MatchCase("[[:print:]]", " ", true),
    MatchCase("[[:punct:]]", "!", true),
    MatchCase("[[:punct:]]", "¡", false),
    MatchCase("[[:space:]]", "\u{0B}", true),
    MatchCase("[[:space:]]", "\u{A0}", false),
    MatchCase("[[:upper:]]", "É", false),
    MatchCase("[[:word:]]", "_", true),
    MatchCase("^[[:xdigit:]]+$", "09afAF", true),
    MatchCase("^[[:xdigit:]]+$", "g", false),
    MatchCase("[^[:digit:]]", "5", false),
    MatchCase("[[:alpha:][:digit:]]", "5", true),
    MatchCase("[[:alpha:]-]", "-", true),
    // Outside brackets, [:alpha:] is an ordinary class of ':', 'a', 'l', 'p', 'h'.
    MatchCase("[:alpha:]", "p", true),
    MatchCase("[:alpha:]", "x", false),
    // `[:` without a later `:]` is literal.
    MatchCase("[[:alpha]", ":", true),
    MatchCase("(?i)[[:upper:]]", "a", true),
    MatchCase("(?i)[[:lower:]]", "Q", true),
    MatchCase("(?i)[^[:lower:]]", "A", false),
    MatchCase("(?i)[[:^lower:]]", "A", false),
    MatchCase("(?i)[[:lower:]]", "\u{212A}", true),
]

@Test("POSIX classes are ASCII-only", arguments: posixCases)
func posixClasses(_ c: MatchCase) throws { try check(c) }

// MARK: - Case folding and flag scoping

let caseCases: [MatchCase] = [
    MatchCase("lgtm", "LGTM", false),
    MatchCase("(?i)lgtm", "LGTM", true),
    MatchCase("(?i)/LGTM", "/lgtm", true),
    MatchCase("(a(?i)b)c", "aBc", true),
    MatchCase("(a(?i)b)c", "aBC", false),
    MatchCase("(a(?i)b)c", "ABc", false),
    MatchCase("(?i:b)c", "Bc", true),
    MatchCase("(?i:b)c", "BC", false),
    MatchCase("a(?i)b|c", "C", true),
    MatchCase("(?:(?i)a|b)c", "Bc", true),
    MatchCase("(?:(?i)a|b)c", "bC", false),
    MatchCase("((?i)a)b", "AB", false),
    MatchCase("((?i)a)b", "Ab", true),
    MatchCase("(?i)a(?-i)b", "Ab", true),
    MatchCase("(?i)a(?-i)b", "AB", false),
    MatchCase("(?i:a(?-i:b)c)", "AbC", true),
    MatchCase("(?i:a(?-i:b)c)", "ABC", false),
    MatchCase("(?i-i)a", "A", false),
    MatchCase("(?im)^X$", "a\nx", true),
    MatchCase("(?i)[a-c]", "B", true),
    MatchCase("(?i)k", "\u{212A}", true),
    MatchCase("(?i)s", "\u{17F}", true),
    MatchCase("(?i)\\w", "\u{212A}", true),
    MatchCase("(?i)\\W", "\u{212A}", false),
    MatchCase("(?i)\\W", "\u{17F}", false),
    MatchCase("\\W", "\u{212A}", true),
    MatchCase("(?i)[\\W\\d]", "\u{212A}", false),
    MatchCase("(?i)[\\W\\d]", "-", true),
    MatchCase("(?i)é", "É", true),
    MatchCase("(?i)[é]", "É", true),
    MatchCase("(?i)[^é]", "É", false),
    MatchCase("(?i)σ", "ς", true),
    MatchCase("(?i)σ", "Σ", true),
    MatchCase("(?i)ß", "ẞ", true),
    // Go folds single characters only; ICU alone would match these expansions.
    MatchCase("(?i)^ß$", "ss", false),
    MatchCase("(?i)^ﬀ$", "ff", false),
    MatchCase("(?i)^[ﬀ]$", "FF", false),
    MatchCase("(?i)^ﬀ$", "ﬀ", true),
    MatchCase("(?i)^\\x{130}$", "i\u{307}", false),
    MatchCase("(?i)\\p{Lu}", "a", true),
    MatchCase("(?i)\\P{Lu}", "a", false),
    MatchCase("\\p{Lu}", "a", false),
    MatchCase("(?i)\\p{Greek}", "\u{B5}", true),
    MatchCase("(?i)[^\\p{Greek}]", "\u{B5}", false),
    MatchCase("(?i)1", "1", true),
    MatchCase("(?i)^ss$", "ß", false),
    MatchCase("(?i)^ss$", "SS", true),
    MatchCase("(?i)^ff$", "ﬀ", false),
    MatchCase("(?i)^é+$", "ÉéÉ", true),
    MatchCase("(?i)^é{2}$", "éÉ", true),
    MatchCase("(?i)^é{2}$", "éx", false),
    MatchCase("(?i)^[é-ë]*$", "ÊËx", false),
    MatchCase("(?i)^\\pL?$", "1", false),
    MatchCase("(?i)[\\Wa]", "A", true),
    MatchCase("(?i)[\\Wa]", "b", false),
    MatchCase("(?i)[\\Wa]", "\u{212A}", false),
    MatchCase("(?i)[^\\Wa]", "b", true),
    MatchCase("(?i)[^\\Wa]", "A", false),
    MatchCase("(?i)[^\\Wa]", "-", false),
    MatchCase("(?i)[^\\Wa]", "\u{212A}", true),
    MatchCase("(?i)\\bfoo\\b", "a FOO b", true),
    MatchCase("(?i)\\Q*A\\E", "*a", true),
]

@Test("case folding and Go flag scoping", arguments: caseCases)
func caseFolding(_ c: MatchCase) throws { try check(c) }

// MARK: - Literals, escapes, quoting

let literalCases: [MatchCase] = [
    MatchCase("b", "abc", true),
    MatchCase("^b", "abc", false),
    MatchCase("c$", "abc", true),
    MatchCase("", "", true),
    MatchCase("", "abc", true),
    MatchCase("|", "x", true),
    MatchCase("()", "x", true),
    MatchCase("(|)", "x", true),
    MatchCase("a|", "x", true),
    MatchCase("\\Q.*\\E", "a.*b", true),
    MatchCase("\\Q.*\\E", "ab", false),
    MatchCase("^\\Qab\\E+$", "abbb", true),
    MatchCase("^\\Qab\\E+$", "abab", false),
    MatchCase("a\\Q*b", "a*b", true),
    MatchCase("a\\Q*b", "ab", false),
    MatchCase("\\Q\\\\E", "\\", true),
    MatchCase("^a\\Q\\E*$", "aaa", true),
    MatchCase("\\0", "\u{0}", true),
    MatchCase("\\141", "a", true),
    MatchCase("[\\141-\\143]", "b", true),
    MatchCase("^\\08$", "\u{0}8", true),
    MatchCase("^\\1234$", "S4", true),
    MatchCase("\\400", "Ā", true),
    MatchCase("\\x41", "A", true),
    MatchCase("\\x{1F600}", "😀", true),
    MatchCase("^\\x{41}+$", "AAA", true),
    MatchCase("[\\x{41}-\\x{43}]", "B", true),
    MatchCase("^\\t\\n\\r\\f\\a$", "\t\n\r\u{0C}\u{07}", true),
    MatchCase("\\v", "\u{0B}", true),
    MatchCase("\\v", "\n", false),
    MatchCase("[\\v]", "\u{0C}", false),
    MatchCase("\\_", "_", true),
    MatchCase("\\ ", " ", true),
    MatchCase("\\#\\-\\~", "#-~", true),
    MatchCase("{", "{", true),
    MatchCase("}", "}", true),
    MatchCase("]", "]", true),
    MatchCase("a{,2}", "a{,2}", true),
    MatchCase("a{,2}", "aa", false),
    MatchCase("a{", "a{", true),
    MatchCase("x{01}", "x{01}", true),
    MatchCase("x{1,2", "x{1,2", true),
    MatchCase("a{2}{", "aa{", true),
    MatchCase("a*{", "{", true),
    MatchCase("[]a]", "]", true),
    MatchCase("[]a]", "b", false),
    MatchCase("[^]a]", "b", true),
    MatchCase("[^]a]", "]", false),
    MatchCase("[a-]", "-", true),
    MatchCase("[-a]", "-", true),
    MatchCase("[a-b-c]", "-", true),
    MatchCase("[[]", "[", true),
    MatchCase("[\\]]", "]", true),
    MatchCase("[&&]", "&", true),
    MatchCase("[^a]", "\n", true),
    MatchCase("\\x{D800}", "x", false),
    MatchCase("a|\\x{D800}", "a", true),
    MatchCase("[\\x{D7FF}-\\x{E000}]", "\u{E000}", true),
    MatchCase("[\\x{D800}-\\x{DFFF}]", "x", false),
]

@Test("literals, escapes, quoting and unanchored search", arguments: literalCases)
func literals(_ c: MatchCase) throws { try check(c) }

// MARK: - Repetition and groups

let repetitionCases: [MatchCase] = [
    MatchCase("a{2}", "aa", true),
    MatchCase("a{2}", "a", false),
    MatchCase("^a{2,3}$", "aaaa", false),
    MatchCase("^a{2,}$", "aaaa", true),
    MatchCase("^a{0}$", "", true),
    MatchCase("^(?:a{2})*$", "aaaa", true),
    MatchCase("^(?:a{2})*$", "aaa", false),
    MatchCase("^a{2}?$", "aa", true),
    MatchCase("x(?i)+", "X", false),
    MatchCase("x(?i)+", "xx", true),
    MatchCase("^a*(?i)*$", "aaa", true),
    MatchCase("(?:)*", "x", true),
    MatchCase("()+x", "x", true),
    MatchCase("(?U)^a+$", "aaa", true),
    MatchCase("(?U)^a+?$", "aaa", true),
    MatchCase("(?U)^(a*)(a+)$", "aaa", true),
    MatchCase("(?U)a{2,3}b", "aaab", true),
    MatchCase("^(?:a|ab)(?:c|bcd)(d*)$", "abcd", true),
    MatchCase("(?P<word>\\w+)!", "hi!", true),
    MatchCase("(?<year>\\d{4})-(?P<month>\\d\\d)", "in 2024-05", true),
    MatchCase("(?P<_1a>x)(?P<1>y)", "xy", true),
    MatchCase("(?P<n>a)(?P<n>b)", "ab", true),
    MatchCase("^(a)(?:b)(c)$", "abc", true),
    MatchCase("^(?:(?:(?:a)))$", "a", true),
]

@Test("repetition and groups", arguments: repetitionCases)
func repetition(_ c: MatchCase) throws { try check(c) }

// MARK: - Unicode classes

let unicodeClassCases: [MatchCase] = [
    MatchCase("\\pL", "é", true),
    MatchCase("\\pL", "1", false),
    MatchCase("\\PL", "1", true),
    MatchCase("\\pN", "٣", true),
    MatchCase("\\p{Nd}", "٣", true),
    MatchCase("\\p{Greek}", "α", true),
    MatchCase("\\p{Greek}", "a", false),
    MatchCase("\\P{Greek}", "a", true),
    MatchCase("\\p{^Greek}", "a", true),
    MatchCase("\\P{^Greek}", "α", true),
    MatchCase("[\\p{Greek}\\d]", "5", true),
    MatchCase("[^\\p{Greek}\\d]", "α", false),
    MatchCase("\\p{Han}", "中", true),
    MatchCase("\\p{Canadian_Aboriginal}", "\u{1400}", true),
    MatchCase("\\p{greek}", "α", true),
    MatchCase("\\p{Letter}", "é", true),
    MatchCase("\\p{lu}", "A", true),
    MatchCase("\\pl", "a", true),
    MatchCase("\\p{Uppercase_Letter}", "A", true),
    MatchCase("\\p{upper case-let ter}", "A", true),
    MatchCase("\\p{digit}", "٣", true),
    MatchCase("\\p{Any}", "\n", true),
    MatchCase("\\P{Any}", "x", false),
    MatchCase("[^\\P{Any}]", "x", true),
    MatchCase("\\p{ASCII}", "é", false),
    MatchCase("\\p{ascii}", "~", true),
    MatchCase("\\p{Assigned}", "a", true),
    MatchCase("\\p{Assigned}", "\u{378}", false),
    MatchCase("\\p{Cn}", "\u{378}", true),
    MatchCase("\\pC", "\u{378}", true),
    MatchCase("\\pC", "\u{7}", true),
    MatchCase("\\p{LC}", "a", true),
    MatchCase("\\p{LC}", "\u{1BB}", false),
    MatchCase("\\p{Zs}", "\u{A0}", true),
]

@Test("Unicode classes", arguments: unicodeClassCases)
func unicodeClasses(_ c: MatchCase) throws { try check(c) }

// Go's unicode.Scripts (Unicode 15.1): each must resolve in this ICU too.
let goScriptNames: [String] = [
    "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum",
    "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid",
    "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian",
    "Common", "Coptic", "Cuneiform", "Cypriot", "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari",
    "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian",
    "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul",
    "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic", "Inherited",
    "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada", "Katakana", "Kawi",
    "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi", "Lao", "Latin",
    "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar",
    "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
    "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro",
    "Multani", "Myanmar", "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
    "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic", "Old_North_Arabian",
    "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya",
    "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa", "Phoenician",
    "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham",
    "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac",
    "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu",
    "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho",
    "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
]

@Test("every Go script name compiles", arguments: goScriptNames)
func scriptNames(_ name: String) throws {
    _ = try GoRegex("\\p{\(name)}")
    _ = try GoRegex("(?i)[^\\P{\(name)}x]")
}

// MARK: - Invalid patterns

let deepCaptures = String(repeating: "(", count: 1000) + String(repeating: ")", count: 1000)
let deepStars = String(repeating: "(?:", count: 1000) + String(repeating: ")*", count: 1000)
let tooLarge = "(" + String(repeating: "(xx?)", count: 1000) + "){1000}"
let tooLong = String(repeating: "(xx?){1000}", count: 1000)

let invalidCases: [InvalidCase] = [
    InvalidCase("(", "missing closing )", 0),
    InvalidCase("(a", "missing closing )", 0),
    InvalidCase("a(b(c)", "missing closing )", 1),
    InvalidCase("(?P<n>a", "missing closing )", 0),
    InvalidCase(")", "unexpected )", 0),
    InvalidCase("a)", "unexpected )", 1),
    InvalidCase("(a))", "unexpected )", 3),
    InvalidCase("[a", "missing closing ]", 0),
    InvalidCase("x[a-z", "missing closing ]", 1),
    InvalidCase("[]", "missing closing ]", 0),
    InvalidCase("[]a", "missing closing ]", 0),
    InvalidCase("[^]", "missing closing ]", 0),
    InvalidCase("[a-", "missing closing ]", 0),
    InvalidCase("*a", "missing argument to repetition operator *", 0),
    InvalidCase("+", "missing argument to repetition operator +", 0),
    InvalidCase("??", "missing argument to repetition operator ??", 0),
    InvalidCase("{2}", "missing argument to repetition operator {2}", 0),
    InvalidCase("x|*", "missing argument to repetition operator *", 2),
    InvalidCase("(*)", "missing argument to repetition operator *", 1),
    InvalidCase("(?i)*", "missing argument to repetition operator *", 4),
    InvalidCase("\\Q\\E*", "missing argument to repetition operator *", 4),
    InvalidCase("a**", "invalid nested repetition operator **", 1),
    InvalidCase("a?*", "invalid nested repetition operator ?*", 1),
    InvalidCase("a*??", "invalid nested repetition operator *??", 1),
    InvalidCase("a{2}{3}", "invalid nested repetition operator {2}{3}", 1),
    InvalidCase("a*+", "invalid nested repetition operator *+ (possessive quantifiers are not supported in RE2 syntax)", 1),
    InvalidCase("a++", "invalid nested repetition operator ++ (possessive quantifiers are not supported in RE2 syntax)", 1),
    InvalidCase("a{2,1}", "invalid repeat count {2,1}", 1),
    InvalidCase("a{2,1}?", "invalid repeat count {2,1}", 1),
    InvalidCase("a{1001}", "invalid repeat count {1001}", 1),
    InvalidCase("a{0,1001}", "invalid repeat count {0,1001}", 1),
    InvalidCase("a{100000,}", "invalid repeat count {100000,}", 1),
    InvalidCase("a{99999999999}", "invalid repeat count {99999999999}", 1),
    InvalidCase("a{1,99999999999}", "invalid repeat count {1,99999999999}", 1),
    InvalidCase("(a{500}){3}", "invalid repeat count {3}", 8),
    InvalidCase("(?:[a-z]{4}){0,251}", "invalid repeat count {0,251}", 12),
    InvalidCase("((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})", "invalid repeat count {2}", 47),
    InvalidCase("\\Z", "invalid escape sequence \\Z", 0),
    InvalidCase("\\1", "invalid escape sequence \\1", 0),
    InvalidCase("(a)\\1", "invalid escape sequence \\1", 3),
    InvalidCase("\\18", "invalid escape sequence \\1", 0),
    InvalidCase("\\8", "invalid escape sequence \\8", 0),
    InvalidCase("\\e", "invalid escape sequence \\e", 0),
    InvalidCase("\\C", "invalid escape sequence \\C", 0),
    InvalidCase("\\G", "invalid escape sequence \\G", 0),
    InvalidCase("\\K", "invalid escape sequence \\K", 0),
    InvalidCase("\\h", "invalid escape sequence \\h", 0),
    InvalidCase("\\cA", "invalid escape sequence \\c", 0),
    InvalidCase("\\E", "invalid escape sequence \\E", 0),
    InvalidCase("\\é", "invalid escape sequence \\é", 0),
    InvalidCase("[\\b]", "invalid escape sequence \\b", 1),
    InvalidCase("[\\A]", "invalid escape sequence \\A", 1),
    InvalidCase("[\\Qa\\E]", "invalid escape sequence \\Q", 1),
    InvalidCase("[a-\\d]", "invalid escape sequence \\d", 3),
    InvalidCase("\\x", "invalid escape sequence \\x", 0),
    InvalidCase("\\xF", "invalid escape sequence \\xF", 0),
    InvalidCase("\\xG0", "invalid escape sequence \\xG0", 0),
    InvalidCase("\\x{}", "invalid escape sequence \\x{}", 0),
    InvalidCase("\\x{G}", "invalid escape sequence \\x{G", 0),
    InvalidCase("\\x{12", "invalid escape sequence \\x{12", 0),
    InvalidCase("\\x{110000}", "invalid escape sequence \\x{110000", 0),
    InvalidCase("a\\", "trailing backslash at end of expression", 1),
    InvalidCase("(?=a)", "lookahead (?= is not supported in RE2 syntax", 0),
    InvalidCase("a(?!b)", "negative lookahead (?! is not supported in RE2 syntax", 1),
    InvalidCase("(?<=a)b", "lookbehind (?<= is not supported in RE2 syntax", 0),
    InvalidCase("(?<!a)b", "negative lookbehind (?<! is not supported in RE2 syntax", 0),
    InvalidCase("(?>a)", "atomic group (?> is not supported in RE2 syntax", 0),
    InvalidCase("(?#note)a", "comment group (?# is not supported in RE2 syntax", 0),
    InvalidCase("(?x)a", "unknown flag x in (?x", 0),
    InvalidCase("(?is-mX)a", "unknown flag X in (?is-mX", 0),
    InvalidCase("(?i-)a", "invalid or unsupported Perl syntax (?i-)", 0),
    InvalidCase("(?-)a", "invalid or unsupported Perl syntax (?-)", 0),
    InvalidCase("(?--i)a", "invalid or unsupported Perl syntax (?--", 0),
    InvalidCase("(?i", "invalid or unsupported Perl syntax (?i", 0),
    InvalidCase("(?", "invalid or unsupported Perl syntax (?", 0),
    InvalidCase("(?<", "invalid or unsupported Perl syntax (?<", 0),
    InvalidCase("(?P=n)", "invalid or unsupported Perl syntax (?P", 0),
    InvalidCase("(?'n'a)", "invalid or unsupported Perl syntax (?'", 0),
    InvalidCase("(?P<>a)", "invalid named capture (?P<>", 0),
    InvalidCase("(?<>a)", "invalid named capture (?<>", 0),
    InvalidCase("(?P<x y>a)", "invalid named capture (?P<x y>", 0),
    InvalidCase("(?<na-me>a)", "invalid named capture (?<na-me>", 0),
    InvalidCase("(?P<name", "invalid named capture (?P<name", 0),
    InvalidCase("[z-a]", "invalid character class range z-a", 1),
    InvalidCase("[a-Z]", "invalid character class range a-Z", 1),
    InvalidCase("(?i)[a-Z]", "invalid character class range a-Z", 5),
    InvalidCase("[\\x{10}-\\x{5}]", "invalid character class range \\x{10}-\\x{5}", 1),
    InvalidCase("[[:foo:]]", "unknown POSIX character class [:foo:]", 1),
    InvalidCase("[[:alpha:]", "missing closing ]", 0),
    InvalidCase("\\p{Foo}", "unknown Unicode class \\p{Foo}", 0),
    InvalidCase("\\pX", "unknown Unicode class \\pX", 0),
    InvalidCase("\\p", "unknown Unicode class \\p", 0),
    InvalidCase("[\\p{Foo}]", "unknown Unicode class \\p{Foo}", 1),
    InvalidCase("\\p{Greek", "missing closing } in \\p{Greek", 0),
    InvalidCase("é\\Z", "invalid escape sequence \\Z", 1),
    InvalidCase("e\u{301}\\Z", "invalid escape sequence \\Z", 1),
    InvalidCase(deepCaptures, "expression nests too deeply", 0),
    InvalidCase(deepStars, "expression nests too deeply", 0),
    InvalidCase(tooLarge, "expression too large", 0),
    InvalidCase(tooLong, "expression too large", 0),
]

@Test("patterns Go rejects are rejected with a clear problem", arguments: invalidCases)
func invalidPatterns(_ c: InvalidCase) {
    #expect(throws: GoRegexError(pattern: c.pattern, problem: c.problem, offset: c.offset)) {
        try GoRegex(c.pattern)
    }
}

let validEdgePatterns: [String] = [
    String(repeating: "(", count: 99) + String(repeating: ")", count: 99),
    String(repeating: "(?:", count: 98) + String(repeating: ")*", count: 98),
    "(" + String(repeating: "|", count: 12345) + ")",
    "((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}))",
    "((((((((((x{1}){2}){2}){2}){2}){2}){2}){2}){2}){2})",
    "(?:[a-z]{4}){0,250}",
    "(?:a{1000}){0}",
    "x{1000}",
    "(?)",
    "(?i)",
    "(?imsU-imsU)",
    "(?U)a*?",
    "[[:alpha:]-z]",
    "\\pL{1000}",
]

@Test("patterns Go accepts compile", arguments: validEdgePatterns)
func validEdges(_ pattern: String) throws {
    #expect(try GoRegex(pattern).pattern == pattern)
}

// Go accepts up to 1000 levels of nesting; ICU stops at 99 levels of its own
// groups, and the translation adds some (`(?m)^` adds two).
let icuTooDeep: [InvalidCase] = [
    InvalidCase(String(repeating: "(", count: 100) + String(repeating: ")", count: 100),
                "groups nest more deeply than ICU supports (99 levels after translation)", 0),
    // The offset is that of the first group (from the inside) to pass the limit.
    InvalidCase(String(repeating: "(", count: 999) + String(repeating: ")", count: 999),
                "groups nest more deeply than ICU supports (99 levels after translation)", 899),
    InvalidCase(String(repeating: "(?:", count: 999) + String(repeating: ")*", count: 999),
                "groups nest more deeply than ICU supports (99 levels after translation)", 3 * 899),
    InvalidCase("(?m)" + String(repeating: "(", count: 98) + "^x" + String(repeating: ")", count: 98),
                "groups nest more deeply than ICU supports (99 levels after translation)", 4),
]

@Test("nesting beyond ICU's limit is rejected clearly", arguments: icuTooDeep)
func icuNestingLimit(_ c: InvalidCase) {
    #expect(throws: GoRegexError(pattern: c.pattern, problem: c.problem, offset: c.offset)) {
        try GoRegex(c.pattern)
    }
}

@Test func nestingJustWithinICUsLimit() throws {
    let pattern = "(?m)" + String(repeating: "(", count: 97) + "^x" + String(repeating: ")", count: 97)
    #expect(try GoRegex(pattern).matches("ab\nx"))
}

// MARK: - API

@Test func descriptionIsThePattern() throws {
    let regex = try GoRegex("(?m)^/lgtm$")
    #expect(regex.description == "(?m)^/lgtm$")
    #expect(regex.pattern == "(?m)^/lgtm$")
}

@Test func errorDescription() {
    do {
        _ = try GoRegex("a(b")
        Issue.record("expected an error")
    } catch let error as GoRegexError {
        #expect(error.description == "invalid regular expression \"a(b\": missing closing ) at offset 1")
        #expect(error.pattern == "a(b")
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

@Test func concurrentUse() async throws {
    let lgtm = try GoRegex("(?m)^/lgtm$")
    let word = try GoRegex("(?i)\\bbot\\b")
    let bodies = ["x\n/lgtm", "/lgtm cancel", "the BOT said", "robots", "/lgtm\r\n"]
    let expected = bodies.map { (lgtm.matches($0), word.matches($0)) }
    #expect(expected.map(\.0) == [true, false, false, false, false])
    #expect(expected.map(\.1) == [false, false, true, false, false])
    let mismatches = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<8 {
            group.addTask {
                var bad = 0
                for _ in 0..<300 {
                    for (body, want) in zip(bodies, expected)
                    where lgtm.matches(body) != want.0 || word.matches(body) != want.1 {
                        bad += 1
                    }
                }
                return bad
            }
        }
        return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
}
