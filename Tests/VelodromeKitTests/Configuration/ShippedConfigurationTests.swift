import Testing
@testable import VelodromeKit

@Suite struct ShippedConfigurationTests {
    let configuration: Configuration

    init() throws {
        configuration = try ConfigurationLoader.load(path: RepositoryRoot.path("config.yaml"))
    }

    static let kubernetesMetrics = ["merge", "contributions", "open", "needs-rebase", "lgtmed", "approved", "lgtmer", "approver", "testthis",
                                    "time-to-first-response", "time-to-lgtm", "time-to-approve", "lgtm-to-merge", "time-to-merge", "new-contributors"]

    @Test func projectsAndRepositories() {
        #expect(configuration.projects.map(\.name) == ["kubernetes", "istio", "tensorflow", "beam"])
        let repositories = configuration.projects.map { $0.repositories.map(\.name.description) }
        #expect(repositories == [
            ["kubernetes/kubernetes", "kubernetes/contrib", "kubernetes/heapster", "kubernetes/ingress", "kubernetes/dns", "kubernetes/test-infra"],
            ["istio/api", "istio/auth", "istio/istio", "istio/pilot", "istio/mixer", "istio/proxy"],
            ["tensorflow/tensorflow"],
            ["apache/beam", "apache/beam-site"],
        ])
        #expect(configuration.repositories.count == 15)
    }

    @Test func metricSetsFollowTheAnchors() {
        for repository in configuration.project(named: "kubernetes")!.repositories {
            #expect(repository.metrics.map(\.name) == Self.kubernetesMetrics, "\(repository.name)")
        }
        for project in ["istio", "tensorflow", "beam"] {
            for repository in configuration.project(named: project)!.repositories {
                #expect(repository.metrics.map(\.name) == ["merge", "contributions", "open"], "\(repository.name)")
            }
        }
    }

    @Test func kubernetesMetricsParseToTheirOptions() throws {
        let metrics = Dictionary(uniqueKeysWithValues: configuration.metrics(for: try RepositoryName(parsing: "kubernetes/test-infra")).compactMap { metric in metric.plugin.countOptions.map { (metric.name, $0) } })
        #expect(metrics["merge"]!.event == .merged)
        #expect(metrics["merge"]!.issues.noIssues)
        #expect(metrics["contributions"]!.issues.ignoredAuthors == ["k8s-merge-robot", "k8s-reviewable", "k8s-ci-robot"])
        #expect(metrics["contributions"]!.event == .opened)
        #expect(metrics["contributions"]!.comments.map(\.pattern) == [".*"])
        #expect(metrics["contributions"]!.logAuthor)
        #expect(metrics["open"]!.state?.description == "opened,!merged")
        #expect(metrics["open"]!.percentiles == [50])
        #expect(metrics["needs-rebase"]!.state?.description == "opened,labeled:needs-rebase")
        #expect(metrics["lgtmed"]!.state?.description == "opened,!labeled:needs-rebase,labeled:lgtm")
        #expect(metrics["approved"]!.state?.description == "opened,!labeled:needs-rebase,labeled:approved")
        #expect(metrics["lgtmer"]!.event == .labeled("lgtm"))
        #expect(metrics["lgtmer"]!.comments.map(\.pattern) == ["(?m)^/lgtm$"])
        #expect(metrics["lgtmer"]!.issues.ignoredAuthors == ["k8s-merge-robot"])
        #expect(metrics["approver"]!.event == .labeled("approved"))
        #expect(metrics["approver"]!.comments.map(\.pattern) == ["(?m)^/approve$"])
        #expect(metrics["testthis"]!.comments.map(\.pattern) == ["(?m)^@k8s-bot.*test this"])
        #expect(metrics["testthis"]!.event == nil)
        #expect(metrics["testthis"]!.issues.ignoredAuthors == ["k8s-merge-robot", "k8s-ci-robot"])
        #expect(metrics["new-contributors"]!.firstTime && metrics["new-contributors"]!.event == .opened && metrics["new-contributors"]!.issues.noIssues)
        let latencies = Dictionary(uniqueKeysWithValues: configuration.metrics(for: try RepositoryName(parsing: "kubernetes/test-infra")).compactMap { metric in
            metric.plugin.latencyOptions.map { (metric.name, "\($0.start) → \($0.stops.map(\.description).joined(separator: ","))") }
        })
        #expect(latencies == ["time-to-first-response": "opened → responded", "time-to-lgtm": "opened → labeled:lgtm", "time-to-approve": "opened → labeled:approved",
                              "lgtm-to-merge": "labeled:lgtm → merged", "time-to-merge": "opened → merged"])
        let firstResponse = configuration.metrics(for: try RepositoryName(parsing: "kubernetes/test-infra")).first { $0.name == "time-to-first-response" }!
        #expect(firstResponse.plugin.latencyOptions?.ignoredResponders.contains("k8s-ci-robot") == true)
    }

    @Test func istioCountsContributionsFromEveryone() throws {
        let contributions = configuration.metrics(for: try RepositoryName(parsing: "istio/istio")).first { $0.name == "contributions" }!
        #expect(contributions.plugin.countOptions?.issues.ignoredAuthors.isEmpty == true)
    }

    @Test func sectionsOfEachProject() {
        let byName = Dictionary(uniqueKeysWithValues: configuration.projects.map { ($0.name, $0) })
        #expect(byName["kubernetes"]!.prometheus != nil)
        #expect(byName["istio"]!.prometheus != nil)
        #expect(byName["tensorflow"]!.prometheus == nil)
        #expect(byName["beam"]!.prometheus == nil)
        #expect(configuration.projects.allSatisfy { $0.nginx == NginxSettings(publicIP: "") })
        #expect(configuration.projects.allSatisfy { $0.grafana == GrafanaSettings(googleAnalyticsID: "") })
        #expect(byName["kubernetes"]!.prometheus!.configuration.hasPrefix("global:\n  scrape_interval: 1m\n"))
        #expect(byName["istio"]!.prometheus!.configuration.hasPrefix("global:\n  scrape_interval: 15m\n"))
    }
}
