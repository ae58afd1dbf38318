import Testing
@testable import VelodromeKit

@Suite struct WorkloadTests {
    static var fetcher: Workload {
        var workload = Workload(name: "fetcher-kubernetes-test-infra",
                                labels: ManifestLabels(app: "fetcher", project: "kubernetes", organization: "kubernetes", repository: "test-infra"),
                                image: "velodrome:dev", arguments: ["fetch", "--repository", "kubernetes/test-infra"])
        workload.environment = [.secret("PGPASSWORD", secret: "velodrome-database", key: "password")]
        workload.stagePort = 9090
        workload.volumes = [.init(name: "github-tokens", source: .secret("github-tokens"), mountPath: "/etc/github", readOnly: true)]
        return workload
    }

    @Test func aLoopingStageIsADeploymentWithProbes() throws {
        let text = try Self.fetcher.deployment().yaml()
        #expect(text == """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: fetcher-kubernetes-test-infra
              labels:
                app: fetcher
                project: kubernetes
                gh-organization: kubernetes
                gh-repository: test-infra
                app.kubernetes.io/name: fetcher
                app.kubernetes.io/part-of: velodrome
                app.kubernetes.io/managed-by: velodrome-gen-manifests
                app.kubernetes.io/instance: kubernetes
            spec:
              replicas: 1
              strategy:
                type: Recreate
              selector:
                matchLabels:
                  app: fetcher
                  project: kubernetes
                  gh-organization: kubernetes
                  gh-repository: test-infra
              template:
                metadata:
                  labels:
                    app: fetcher
                    project: kubernetes
                    gh-organization: kubernetes
                    gh-repository: test-infra
                    app.kubernetes.io/name: fetcher
                    app.kubernetes.io/part-of: velodrome
                    app.kubernetes.io/managed-by: velodrome-gen-manifests
                    app.kubernetes.io/instance: kubernetes
                spec:
                  automountServiceAccountToken: false
                  restartPolicy: Always
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 65532
                    runAsGroup: 65532
                    fsGroup: 65532
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
                  - name: fetcher
                    image: velodrome:dev
                    args:
                    - fetch
                    - --repository
                    - kubernetes/test-infra
                    - --listen
                    - :9090
                    env:
                    - name: PGPASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: velodrome-database
                          key: password
                    ports:
                    - name: metrics
                      containerPort: 9090
                    livenessProbe:
                      httpGet:
                        path: /healthz
                        port: metrics
                      periodSeconds: 30
                      failureThreshold: 3
                    readinessProbe:
                      httpGet:
                        path: /readyz
                        port: metrics
                      periodSeconds: 10
                      failureThreshold: 1
                    resources:
                      requests:
                        cpu: 100m
                        memory: 256Mi
                      limits:
                        memory: 1Gi
                    securityContext:
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      capabilities:
                        drop:
                        - ALL
                    volumeMounts:
                    - name: github-tokens
                      mountPath: /etc/github
                      readOnly: true
                  volumes:
                  - name: github-tokens
                    secret:
                      secretName: github-tokens

            """)
    }

    @Test func aScheduledStageIsACronJobRunningOnceWithoutProbes() throws {
        let job = Self.fetcher.cronJob(schedule: "*/30 * * * *")
        #expect(job["kind"] == "CronJob")
        #expect(job["spec"]?["schedule"] == "*/30 * * * *")
        #expect(job["spec"]?["concurrencyPolicy"] == "Forbid")
        let pod = try #require(job["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"])
        #expect(pod["restartPolicy"] == "Never")
        guard case .list(let containers)? = pod["containers"], let container = containers.first else { Issue.record("no container"); return }
        #expect(container["args"] == ["fetch", "--once", "--repository", "kubernetes/test-infra"])
        #expect(container["livenessProbe"] == nil)
        #expect(container["ports"] == nil)
    }

    @Test func namesAreDNSLabelsAndLongOnesKeepTheirStart() {
        // Lower-cased as it is; a part that had to change ends the name in a hash, so that
        // `test_infra` and `test-infra` stay apart.
        #expect(KubernetesName.dnsLabel("fetcher", "Kubernetes", "Test-Infra") == "fetcher-kubernetes-test-infra")
        let cleaned = KubernetesName.dnsLabel("fetcher", "kubernetes", "test_infra")
        #expect(cleaned.firstMatch(of: /^fetcher-kubernetes-test-infra-[0-9a-f]{10}$/) != nil, "\(cleaned)")
        let long = KubernetesName.dnsLabel("fetcher", String(repeating: "a", count: 40), String(repeating: "b", count: 40))
        #expect(long.count == 52)
        #expect(long.hasPrefix("fetcher-aaaa"))
        #expect(long != KubernetesName.dnsLabel("fetcher", String(repeating: "a", count: 40), String(repeating: "b", count: 41)))
        #expect(ManifestLabels.value("short.name_1") == "short.name_1")
    }
}
