/// One container's workload as gen-manifests generates it: a Deployment for a stage that loops
/// (with `/healthz` and `/readyz` probes), or a CronJob that runs it `--once` on a schedule.
/// Every pod runs as a non-root user with a read-only root file system, drops every
/// capability, and mounts no service-account token.
package struct Workload: Sendable {
    package enum Environment: Sendable, Equatable {
        case value(String, String)
        /// A key of a Secret, by name: the value itself is never in the output.
        case secret(String, secret: String, key: String)
    }

    package enum VolumeSource: Sendable, Equatable {
        case secret(String)
        case configMap(String)
        case claim(String)
        case emptyDirectory
    }

    package struct Volume: Sendable, Equatable {
        package var name: String
        package var source: VolumeSource
        package var mountPath: String
        package var readOnly: Bool
    }

    package struct Resources: Sendable, Equatable {
        package var cpu: String
        package var memory: String
        package var memoryLimit: String

        package static let stage = Resources(cpu: "100m", memory: "256Mi", memoryLimit: "1Gi")
    }

    package var name: String
    package var labels: ManifestLabels
    package var image: String
    package var arguments: [String]
    /// Instead of the image's entrypoint (whose start-up scripts would write to a read-only root).
    package var command: [String]?
    /// An init container's arguments and environment (the same image): `migrate`, so the
    /// schema is in place before a stage starts. Migrations take a lock, so pods starting
    /// together migrate once.
    package var initArguments: [String]?
    package var initEnvironment: [Environment] = []
    package var environment: [Environment] = []
    /// Container ports by name.
    package var ports: [(name: String, port: Int)] = []
    /// A Velodrome stage's port for `/metrics`, `/healthz` and `/readyz`: a Deployment runs it
    /// with `--listen` there and probes it; a CronJob runs `--once` and has none.
    package var stagePort: Int?
    /// How a probe asks a component whether it is up.
    package enum Check: Sendable, Equatable {
        /// An HTTP GET of `path` on the container port named `port`.
        case http(path: String, port: String)
        /// A command in the container, up when it exits 0.
        case command([String])
    }

    /// For other components: what their readiness and liveness probes ask.
    package var health: Check?
    /// What liveness asks, when it differs from readiness (Prometheus is alive long before it is ready).
    package var liveness: Check?
    /// How long a slow starter may take before liveness counts: a startup probe holds it off
    /// for up to this many seconds (InfluxDB opening its index, Prometheus replaying its log).
    package var startupSeconds: Int?
    package var volumes: [Volume] = []
    package var resources: Resources = .stage
    package var user = 65532

    package init(name: String, labels: ManifestLabels, image: String, arguments: [String]) {
        self.name = name
        self.labels = labels
        self.image = image
        self.arguments = arguments
    }

    package func deployment() -> YAMLTree {
        [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": metadata,
            "spec": [
                "replicas": 1,
                // One at a time: two fetchers of one repository would only spend quota twice.
                "strategy": ["type": "Recreate"],
                "selector": ["matchLabels": labels.selector],
                "template": looping.podTemplate(restart: "Always"),
            ],
        ]
    }

    /// For what keeps data: one replica whose claim (`data`, of `storage`) outlives the pod,
    /// mounted at `dataPath`.
    package func statefulSet(storage: String, dataPath: String) -> YAMLTree {
        var keeping = looping
        keeping.volumes.append(Volume(name: "data", source: .claim("data"), mountPath: dataPath, readOnly: false))
        return [
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": metadata,
            "spec": [
                "replicas": 1,
                "serviceName": .string(name),
                "selector": ["matchLabels": labels.selector],
                "template": keeping.podTemplate(restart: "Always", claimed: ["data"]),
                "volumeClaimTemplates": [[
                    "metadata": ["name": "data", "labels": labels.tree],
                    "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": .string(storage)]]],
                ]],
            ],
        ]
    }

    /// A Service in front of the workload's pods, on each of its ports.
    /// `published` gives a container port (by name) another port on the Service.
    package func service(type: String = "ClusterIP", loadBalancerIP: String? = nil, published: [String: Int] = [:]) -> YAMLTree {
        var spec: [YAMLTree.Entry] = [.init("type", .string(type))]
        if let loadBalancerIP, !loadBalancerIP.isEmpty { spec.append(.init("loadBalancerIP", .string(loadBalancerIP))) }
        spec.append(.init("selector", labels.selector))
        spec.append(.init("ports", .list(looping.ports.map {
            ["name": .string($0.name), "port": .integer(published[$0.name] ?? $0.port), "targetPort": .string($0.name)]
        })))
        return ["apiVersion": "v1", "kind": "Service", "metadata": metadata, "spec": .map(spec)]
    }

    /// `schedule` in cron's syntax; the stage runs `--once`, and a run still going when the
    /// next is due makes that one wait.
    package func cronJob(schedule: String) -> YAMLTree {
        var once = self
        if stagePort != nil { once.arguments.insert("--once", at: min(1, once.arguments.count)) }
        once.stagePort = nil
        return [
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": metadata,
            "spec": [
                "schedule": .string(schedule),
                "concurrencyPolicy": "Forbid",
                "successfulJobsHistoryLimit": 1,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": [
                    "metadata": ["labels": labels.tree],
                    "spec": ["backoffLimit": 0, "template": once.podTemplate(restart: "Never")],
                ],
            ],
        ]
    }

    var metadata: YAMLTree { ["name": .string(name), "labels": labels.tree] }

    /// The stage serving its endpoint on `stagePort`.
    private var looping: Workload {
        var looping = self
        if let stagePort {
            looping.arguments += ["--listen", ":\(stagePort)"]
            looping.ports.append((name: "metrics", port: stagePort))
        }
        return looping
    }

    /// `claimed`: volumes a StatefulSet's claim templates provide, mounted but not declared here.
    private func podTemplate(restart: String, claimed: Set<String> = []) -> YAMLTree {
        var container: [YAMLTree.Entry] = [
            .init("name", .string(labels.app)),
            .init("image", .string(image)),
            .init("args", .list(arguments.map(YAMLTree.string))),
        ]
        if let command { container.insert(.init("command", .list(command.map(YAMLTree.string))), at: 2) }
        if !environment.isEmpty { container.append(.init("env", .list(environment.map(\.tree)))) }
        if !ports.isEmpty {
            container.append(.init("ports", .list(ports.map { ["name": .string($0.name), "containerPort": .integer($0.port)] })))
        }
        if stagePort != nil {
            container.append(.init("livenessProbe", Self.probe(.http(path: "/healthz", port: "metrics"), period: 30, failures: 3)))
            container.append(.init("readinessProbe", Self.probe(.http(path: "/readyz", port: "metrics"), period: 10, failures: 1)))
        } else if let health, restart == "Always" {
            let liveness = liveness ?? health
            if let startupSeconds {
                container.append(.init("startupProbe", Self.probe(liveness, period: 10, failures: max(1, startupSeconds / 10))))
            }
            container.append(.init("livenessProbe", Self.probe(liveness, period: 30, failures: 3)))
            container.append(.init("readinessProbe", Self.probe(health, period: 10, failures: 1)))
        }
        container += [
            .init("resources", [
                "requests": ["cpu": .string(resources.cpu), "memory": .string(resources.memory)],
                "limits": ["memory": .string(resources.memoryLimit)],
            ]),
            .init("securityContext", [
                "allowPrivilegeEscalation": false,
                "readOnlyRootFilesystem": true,
                "capabilities": ["drop": ["ALL"]],
            ]),
        ]
        if !volumes.isEmpty {
            container.append(.init("volumeMounts", .list(volumes.map {
                ["name": .string($0.name), "mountPath": .string($0.mountPath), "readOnly": .boolean($0.readOnly)]
            })))
        }
        var spec: [YAMLTree.Entry] = [
            .init("automountServiceAccountToken", false),
            .init("restartPolicy", .string(restart)),
            .init("securityContext", [
                "runAsNonRoot": true,
                "runAsUser": .integer(user),
                "runAsGroup": .integer(user),
                "fsGroup": .integer(user),
                "seccompProfile": ["type": "RuntimeDefault"],
            ]),
            .init("containers", .list([.map(container)])),
        ]
        if let initArguments {
            var initContainer = container.filter { ["image", "resources", "securityContext"].contains($0.key) }
            initContainer.insert(.init("name", "migrate"), at: 0)
            initContainer.insert(.init("args", .list(initArguments.map(YAMLTree.string))), at: 2)
            if !initEnvironment.isEmpty { initContainer.insert(.init("env", .list(initEnvironment.map(\.tree))), at: 3) }
            spec.insert(.init("initContainers", .list([.map(initContainer)])), at: spec.count - 1)
        }
        let declared = volumes.filter { !claimed.contains($0.name) }
        if !declared.isEmpty { spec.append(.init("volumes", .list(declared.map(\.tree)))) }
        return ["metadata": ["labels": labels.tree], "spec": .map(spec)]
    }

    private static func probe(_ check: Check, period: Int, failures: Int) -> YAMLTree {
        let action: YAMLTree.Entry = switch check {
        case .http(let path, let port): .init("httpGet", ["path": .string(path), "port": .string(port)])
        case .command(let command): .init("exec", ["command": .list(command.map(YAMLTree.string))])
        }
        return .map([action, .init("periodSeconds", .integer(period)), .init("failureThreshold", .integer(failures))])
    }
}

extension Workload.Environment {
    var tree: YAMLTree {
        switch self {
        case .value(let name, let value): ["name": .string(name), "value": .string(value)]
        case .secret(let name, let secret, let key):
            ["name": .string(name), "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key)]]]
        }
    }
}

extension Workload.Volume {
    var tree: YAMLTree {
        switch source {
        case .secret(let name): ["name": .string(self.name), "secret": ["secretName": .string(name)]]
        case .configMap(let name): ["name": .string(self.name), "configMap": ["name": .string(name)]]
        case .claim(let name): ["name": .string(self.name), "persistentVolumeClaim": ["claimName": .string(name)]]
        case .emptyDirectory: ["name": .string(self.name), "emptyDir": [:]]
        }
    }
}
