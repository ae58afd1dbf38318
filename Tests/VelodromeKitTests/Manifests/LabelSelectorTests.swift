import Testing
@testable import VelodromeKit

@Suite struct LabelSelectorTests {
    static let fetcher = ["app": "fetcher", "project": "kubernetes", "gh-repository": "test-infra"]
    static let grafana = ["app": "grafana", "project": "istio"]

    @Test(arguments: [
        ("project=kubernetes", true, false),
        ("project==kubernetes", true, false),
        ("app=fetcher", true, false),
        ("app!=transform", true, true),
        ("app!=fetcher", false, true),
        ("project=kubernetes,app=fetcher", true, false),
        ("project in (istio, kubernetes)", true, true),
        ("app notin (fetcher,transform)", false, true),
        ("gh-repository", true, false),
        ("!gh-repository", false, true),
        ("gh-repository!=test-infra", false, true),
        (" project = kubernetes , app in (fetcher) ", true, false),
    ])
    func matchesAsKubectlDoes(selector: String, fetcher: Bool, grafana: Bool) throws {
        let parsed = try LabelSelector(parsing: selector)
        #expect(parsed.matches(Self.fetcher) == fetcher)
        #expect(parsed.matches(Self.grafana) == grafana)
    }

    @Test func parsesIntoRequirements() throws {
        #expect(try LabelSelector(parsing: "a=b,c!=d,e in (f,g),h notin (i),j,!k").requirements == [
            .equals("a", "b"), .notEquals("c", "d"), .isIn("e", ["f", "g"]), .notIn("h", ["i"]), .exists("j"), .absent("k"),
        ])
    }

    @Test(arguments: [
        ("", "--selector \"\": an empty requirement"),
        ("a=b,", "--selector \"a=b,\": an empty requirement"),
        ("a=b c", "--selector \"a=b c\": \"b c\" is not a label value"),
        ("=b", "--selector \"=b\": \"\" is not a label key"),
        ("a in b", "--selector \"a in b\": in needs a list in parentheses: a in b"),
        ("a like (b)", "--selector \"a like (b)\": unknown operator in \"a like (b)\" (expected =, ==, !=, in or notin)"),
        ("a=b=c", "--selector \"a=b=c\": \"b=c\" is not a label value"),
    ])
    func badSelectorsNameTheirFault(selector: String, message: String) {
        #expect(throws: UsageError(message)) { try LabelSelector(parsing: selector) }
    }
}
