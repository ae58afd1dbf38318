import Foundation
import FoundationNetworking
import Testing
import Yams
@testable import VelodromeKit

/// The generated manifests against the real tools: Kubernetes' schemas (kubernetes-validate,
/// strict), nginx, promtool and kubectl kustomize, all offline.
@Suite(Integration.manifestTools) struct ManifestValidationTests {
    static func tool(_ path: String?) throws -> URL { URL(fileURLWithPath: try #require(path, "run scripts/test")) }

    @Test(arguments: ManifestSetTests.modes.map(\.0))
    func everyObjectOfEveryModeValidatesStrictly(mode: String) async throws {
        let settings = try #require(ManifestSetTests.modes.first { $0.0 == mode }?.1)
        let directory = try TemporaryDirectory()
        let file = directory.path("\(mode).yaml")
        try ManifestSetTests.shipped(settings).stream().write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await VelodromeProcess.run(["-k", "1.34.0", "--strict", file], program: Self.tool(Integration.kubernetesValidatePath),
                                                    environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let passed = result.stdout.components(separatedBy: "\n").filter { $0.contains(" passed for resource ") }.count
                   + result.stderr.components(separatedBy: "\n").filter { $0.contains(" passed for resource ") }.count
        #expect(passed == (try ManifestSetTests.shipped(settings).objects.count))
    }

    /// Each project's Prometheus configuration, with the job that scrapes its stages appended.
    @Test func prometheusConfigurationsPassPromtool() async throws {
        let directory = try TemporaryDirectory()
        let configs = try Self.configMaps(key: "prometheus.yml")
        #expect(configs.map(\.name) == ["prometheus-kubernetes", "prometheus-istio"])
        for config in configs {
            let file = directory.path("\(config.name).yml")
            try config.text.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try await Promtool.run(["check", "config", file])
            #expect(result.status == 0, "\(result.output)")
            #expect(config.text.contains("job_name: velodrome"))
        }
    }

    /// nginx runs the generated configuration, its upstreams pointed at stand-ins (three more
    /// nginx servers that answer with their name and the path they were asked for).
    @Test func nginxServesEachServiceUnderItsPath() async throws {
        let directory = try TemporaryDirectory()
        let ports = try (0..<4).map { _ in try RawSocket.freePort() }
        var configuration = NginxConfiguration(listen: ports[0], grafana: "127.0.0.1:\(ports[1])", influxdb: "127.0.0.1:\(ports[2])",
                                               prometheus: "127.0.0.1:\(ports[3])")
        configuration.runtimeDirectory = directory.url.path
        // The generated file must pass as generated; stand-ins are added inside its http block.
        var text = configuration.text.replacingOccurrences(of: "access_log /dev/stdout;", with: "access_log off;")
        let standIns = zip(["grafana", "influxdb", "prometheus"], ports.dropFirst()).map { name, port in
            "    server { listen 127.0.0.1:\(port); location / { return 200 \"\(name) $request_uri\\n\"; } }\n"
        }.joined()
        text = String(text.dropLast(2)) + standIns + "}\n"
        let file = directory.path("nginx.conf")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let nginx = try Self.tool(Integration.nginxPath)
        let check = try await VelodromeProcess.run(["-t", "-p", directory.url.path + "/", "-c", file], program: nginx, environment: ProcessInfo.processInfo.environment)
        #expect(check.status == 0, "\(check.stderr)")
        let server = try VelodromeProcess.start(["-p", directory.url.path + "/", "-c", file, "-g", "daemon off;"], program: nginx,
                                                environment: ProcessInfo.processInfo.environment)
        defer { server.signal(SIGTERM) }
        func get(_ path: String) async throws -> String {
            let url = URL(string: "http://127.0.0.1:\(ports[0])\(path)")!
            for _ in 0..<100 {
                if let (data, _) = try? await URLSession.shared.data(from: url) { return String(decoding: data, as: UTF8.self) }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw NginxDidNotAnswer(path: path)
        }
        #expect(try await get("/nginx-health") == "ok\n")
        #expect(try await get("/d/velodrome-kubernetes") == "grafana /d/velodrome-kubernetes\n")
        #expect(try await get("/influxdb/query?db=github&q=SHOW+MEASUREMENTS") == "influxdb /query?db=github&q=SHOW+MEASUREMENTS\n")
        #expect(try await get("/prometheus/api/v1/query?query=up") == "prometheus /prometheus/api/v1/query?query=up\n")
    }

    /// `kubectl apply -k DIR` applies what `gen-manifests | kubectl apply -f -` does.
    @Test func kustomizeRendersTheSameObjectsAsTheStream() async throws {
        let directory = try TemporaryDirectory()
        let manifests = try ManifestSetTests.shipped()
        for file in try manifests.files() { try file.contents.write(toFile: directory.path(file.path), atomically: true, encoding: .utf8) }
        let result = try await VelodromeProcess.run(["kustomize", directory.url.path], program: Self.tool(Integration.kubectlPath),
                                                    environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stderr)")
        func identities(_ yaml: String) throws -> Set<String> {
            Set(try Yams.load_all(yaml: yaml).compactMap { $0 as? [String: Any] }.map { object in
                "\(object["kind"] ?? "")/\((object["metadata"] as? [String: Any])?["name"] ?? "")"
            })
        }
        let rendered = try identities(result.stdout)
        #expect(rendered.count == manifests.objects.count)
        #expect(rendered == (try identities(manifests.stream())))
    }

    struct NginxDidNotAnswer: Error { let path: String }

    static func configMaps(key: String) throws -> [(name: String, text: String)] {
        try ManifestSetTests.shipped().objects.compactMap { object in
            guard object.tree["kind"] == "ConfigMap", case .string(let text)? = object.tree["data"]?[key],
                  case .string(let name)? = object.tree["metadata"]?["name"] else { return nil }
            return (name, text)
        }
    }
}
