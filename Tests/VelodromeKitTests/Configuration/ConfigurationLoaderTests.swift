import Testing
@testable import VelodromeKit

@Suite struct ConfigurationLoaderTests {
    func load(_ text: String) throws(ConfigurationError) -> Configuration {
        try ConfigurationLoader.parse(text, file: "config.yaml")
    }

    func expectError(_ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try load(text)
            Issue.record("expected an error: \(expected)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description == expected, sourceLocation: sourceLocation)
        }
    }

    @Test func anchorsAndAliasesShareMetricSets() throws {
        let configuration = try load("""
        projects:
          kubernetes:
            repositories:
              kubernetes/kubernetes: &kubernetes-transform
                merge: {plugin: count, args: [--no-issues, --event=merged]}
                open: {plugin: count, args: [--no-issues, "--state=opened,!merged", --percentiles=50]}
              kubernetes/test-infra: *kubernetes-transform
            prometheus:
              prometheus-config.yml: |
                global: {scrape_interval: 1m}
        """)
        let project = configuration.project(named: "kubernetes")!
        #expect(project.repositories.map(\.name.key) == ["kubernetes/kubernetes", "kubernetes/test-infra"])
        #expect(project.repositories[1].metrics.map(\.name) == ["merge", "open"])
        #expect(project.repositories[1].metrics[1].arguments == ["--no-issues", "--state=opened,!merged", "--percentiles=50"])
        #expect(project.prometheus == PrometheusSettings(configuration: "global: {scrape_interval: 1m}"))
    }

    @Test func mergeKeysExtendAnAnchor() throws {
        let configuration = try load("""
        projects:
          p:
            repositories:
              a/b: &base
                merge: {plugin: count, args: [--event=merged]}
              c/d:
                <<: *base
                extra: {plugin: count, args: [--event=closed]}
        """)
        #expect(configuration.projects[0].repositories[1].metrics.map(\.name) == ["extra", "merge"])
    }

    @Test func emptySectionsAreAllowed() throws {
        let configuration = try load("projects:\n  p:\n    repositories:\n      a/b:\n    nginx:\n")
        #expect(configuration.projects[0].repositories[0].metrics.isEmpty)
        #expect(configuration.projects[0].nginx == NginxSettings(publicIP: ""))
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        expectError("projects:\n  p: [unclosed\n", "config.yaml:3:1: invalid YAML: while parsing a flow sequence (line 2): did not find expected ',' or ']'")
        expectError("projects:\n\tp: {}\n", "config.yaml:2:1: invalid YAML: while scanning for the next token (line 2): found character that cannot start any token")
    }

    @Test func structuralErrors() {
        expectError("", "config.yaml: the file is empty; expected a projects: mapping")
        expectError("other: 1\n", "config.yaml:1:1: other: unknown key \"other\" (allowed: projects)")
        expectError("projects: []\n", "config.yaml:1:11: projects: expected a mapping, found a list")
        expectError("projects: {}\n", "config.yaml:1:11: projects: no projects are configured")
        expectError("projects:\n  p:\n    repos: {}\n", "config.yaml:3:5: projects.p.repos: unknown key \"repos\"; did you mean \"repositories\"? (allowed: repositories, nginx, grafana, prometheus)")
        expectError("projects:\n  Big_Project: {}\n", "config.yaml:2:16: projects.Big_Project: project name \"Big_Project\" must be lower-case letters, digits and inner hyphens (at most 63), as Kubernetes names are")
        expectError("projects:\n  p: {}\n  p: {}\n", "config.yaml:2:3: duplicate key \"p\" in this mapping")
    }

    @Test func repositoryNames() {
        expectError("projects:\n  p:\n    repositories:\n      kubernetes: {}\n",
                    "config.yaml:4:19: projects.p.repositories.kubernetes: repository \"kubernetes\" is not in owner/name form")
        expectError("projects:\n  p:\n    repositories:\n      a/b/c: {}\n",
                    "config.yaml:4:14: projects.p.repositories.\"a/b/c\": repository \"a/b/c\" is not in owner/name form")
        expectError("projects:\n  p:\n    repositories:\n      -bad/x: {}\n",
                    "config.yaml:4:15: projects.p.repositories.\"-bad/x\": repository \"-bad/x\" has an invalid owner \"-bad\"")
        expectError("projects:\n  p:\n    repositories:\n      a/b: {}\n      A/B: {}\n",
                    "config.yaml:5:12: projects.p.repositories.\"A/B\": repository A/B is listed twice in project p")
    }

    @Test func metricErrorsPointAtTheArgument() {
        func metric(_ body: String) -> String {
            "projects:\n  kubernetes:\n    repositories:\n      kubernetes/kubernetes:\n        lgtmer:\n\(body)"
        }
        let place = "projects.kubernetes.repositories.\"kubernetes/kubernetes\".lgtmer"
        expectError(metric("          plugin: count\n          args: [--no-issues, --ignore-authors=bot, \"--comments=(?m)^/lgtm(\"]\n"),
                    "config.yaml:7:53: \(place).args[2]: --comments: invalid regular expression \"(?m)^/lgtm(\": missing closing ) at offset 10")
        expectError(metric("          plugin: count\n          args:\n            - --no-issues\n            - --evnt=merged\n"),
                    "config.yaml:9:15: \(place).args[1]: unknown option --evnt; did you mean --event?")
        expectError(metric("          plugin: count\n          args: [--event=mergd]\n"),
                    "config.yaml:7:18: \(place).args[0]: --event: unknown event \"mergd\"; did you mean merged? (expected one of opened, commented, closed, reopened, merged, labeled:NAME, unlabeled:NAME)")
        expectError(metric("          plugin: count\n          args: [\"--state=opened,commented\"]\n"),
                    "config.yaml:7:18: \(place).args[0]: --state: \"commented\" cannot be part of a state (comments do not change state): \"opened,commented\"")
        expectError(metric("          plugin: count\n          args: [--no-issues, --no-pull-requests]\n"),
                    "config.yaml:7:31: \(place).args[1]: --no-issues and --no-pull-requests together would count nothing")
        expectError(metric("          plugin: count\n          args: [\"--state=opened\", --percentiles=0]\n"),
                    "config.yaml:7:36: \(place).args[1]: --percentiles: \"0\" is not a whole number from 1 to 100")
        expectError(metric("          plugin: count\n          args: [--event]\n"),
                    "config.yaml:7:18: \(place).args[0]: option --event needs a value (EVENT)")
        expectError(metric("          plugin: count\n          args: [--event=labeled]\n"),
                    "config.yaml:7:18: \(place).args[0]: --event: event \"labeled\" needs a label name, as in labeled:lgtm")
        expectError(metric("          plugin: sum\n"),
                    "config.yaml:6:19: \(place).plugin: unknown plugin \"sum\" (plugins: count, latency)")
        expectError(metric("          plugin: latencies\n"),
                    "config.yaml:6:19: \(place).plugin: unknown plugin \"latencies\"; did you mean latency? (plugins: count, latency)")
        expectError(metric("          args: []\n"),
                    "config.yaml:6:11: \(place): missing key \"plugin\" (plugins: count, latency)")
        expectError(metric("          plugin: latency\n          args: [--no-issues]\n"),
                    "config.yaml:7:17: \(place).args: latency needs --to=EVENT: where each issue's clock stops")
        expectError(metric("          plugin: latency\n          args: [--to=merged, --from=labelled:lgtm]\n"),
                    "config.yaml:7:31: \(place).args[1]: --from: unknown event \"labelled:lgtm\"; did you mean labeled? (expected one of opened, commented, closed, reopened, merged, labeled:NAME, unlabeled:NAME, responded)")
        expectError(metric("          plugin: latency\n          args: [--to=respond]\n"),
                    "config.yaml:7:18: \(place).args[0]: --to: unknown event \"respond\"; did you mean responded? (expected one of opened, commented, closed, reopened, merged, labeled:NAME, unlabeled:NAME, responded)")
        expectError(metric("          plugin: latency\n          args: [--to=merged, --state=opened]\n"),
                    "config.yaml:7:31: \(place).args[1]: unknown option --state")
        expectError(metric("          plugin: count\n          args: [--first-time]\n"),
                    "config.yaml:7:18: \(place).args[0]: --first-time needs --event or --comments: it picks each author's first of those")
        expectError(metric("          plugin: count\n          arguments: []\n"),
                    "config.yaml:7:11: \(place).arguments: unknown key \"arguments\" (allowed: plugin, args)")
        expectError(metric("          plugin: count\n          args: --event=merged\n"),
                    "config.yaml:7:17: \(place).args: expected a list of arguments")
        expectError(metric("          plugin: count\n          args: [[--event=merged]]\n"),
                    "config.yaml:7:18: \(place).args[0]: expected a string, found a list")
    }

    @Test func sectionErrors() {
        expectError("projects:\n  p:\n    nginx:\n      public_ip: \"\"\n",
                    "config.yaml:4:7: projects.p.nginx.public_ip: unknown key \"public_ip\"; did you mean \"public-ip\"? (allowed: public-ip)")
        expectError("projects:\n  p:\n    nginx:\n      public-ip: 1.2.3\n",
                    "config.yaml:4:18: projects.p.nginx.public-ip: \"1.2.3\" is not an IPv4 or IPv6 address")
        expectError("projects:\n  p:\n    grafana:\n      analytics: x\n",
                    "config.yaml:4:7: projects.p.grafana.analytics: unknown key \"analytics\" (allowed: google-analytics-uaid)")
        expectError("projects:\n  p:\n    prometheus: {}\n",
                    "config.yaml:3:17: projects.p.prometheus: missing key \"prometheus-config.yml\"")
    }

    @Test func prometheusSectionsAreChecked() {
        let misspelt = """
        projects:
          p:
            prometheus:
              prometheus-config.yml: |-
                scrape_configs:
                  - job_name: blackbox
                    methids_path: /probe
        """
        expectError(misspelt, "config.yaml:4:30: projects.p.prometheus.\"prometheus-config.yml\": Prometheus configuration: unknown key \"methids_path\" in scrape_configs[0]; did you mean metrics_path?")
        let noJob = "projects:\n  p:\n    prometheus:\n      prometheus-config.yml: \"scrape_configs: [{metrics_path: /x}]\"\n"
        expectError(noJob, "config.yaml:4:30: projects.p.prometheus.\"prometheus-config.yml\": Prometheus configuration: scrape_configs[0] has no job_name")
    }

    @Test func unreadableFile() {
        #expect(throws: ConfigurationError(file: "/nonexistent/config.yaml", message: "cannot read the configuration file /nonexistent/config.yaml: No such file or directory")) {
            try ConfigurationLoader.load(path: "/nonexistent/config.yaml")
        }
    }
}
