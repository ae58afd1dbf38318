import Foundation

/// Everything config.yaml describes, as Kubernetes objects: the shared ones, then each
/// project's, in config.yaml's order. A selector keeps the objects whose labels it matches.
package struct ManifestSet: Sendable {
    package struct Object: Sendable {
        /// The project it belongs to; nil for the shared objects. It decides the file with `--output-dir`.
        package var project: String?
        package var labels: ManifestLabels
        package var tree: YAMLTree
    }

    package var objects: [Object]

    package init(configuration: Configuration, configurationText: String, settings: ManifestSettings, selector: LabelSelector? = nil) throws {
        var objects = SharedManifests(settings: settings, configuration: configurationText).objects.map {
            Object(project: nil, labels: $0.labels, tree: $0.tree)
        }
        // One database holds every project's mirror: a repository in two projects is fetched once,
        // by the first.
        var fetched: Set<String> = []
        for project in configuration.projects {
            objects += try ProjectManifests(project: project, settings: settings, fetchedElsewhere: fetched).objects().map {
                Object(project: project.name, labels: $0.labels, tree: $0.tree)
            }
            fetched.formUnion(project.repositories.map(\.name.key))
        }
        try Self.requireDistinctNames(objects)
        guard let selector else {
            self.objects = objects
            return
        }
        self.objects = objects.filter { selector.matches($0.labels.dictionary) }
        // Most often a typo (`-log-format` is `-l og-format`): an empty stream would apply nothing, silently.
        guard !self.objects.isEmpty else {
            throw UsageError("the selector \(selector) matches no object; their labels are app, project, gh-organization, gh-repository and transform-metric (see docs/deploying.md)")
        }
    }

    /// Names are made from config.yaml's, which may meet after cleaning (`foo-bar/baz` and
    /// `foo/bar-baz`): one object would silently replace the other in the cluster.
    private static func requireDistinctNames(_ objects: [Object]) throws {
        var seen: [String: String] = [:]
        for object in objects {
            guard case .string(let kind)? = object.tree["kind"], case .string(let name)? = object.tree["metadata"]?["name"] else { continue }
            let owner = object.labels.repository.map { "\(object.labels.organization ?? "")/\($0)" } ?? object.labels.metric ?? object.project ?? "the shared objects"
            if let other = seen["\(kind)/\(name)"], other != owner {
                throw ConfigurationProblem("config.yaml gives two \(kind)s the name \(name), for \(other) and \(owner): rename one")
            }
            seen["\(kind)/\(name)"] = owner
        }
    }

    /// One multi-document YAML stream, as `kubectl apply -f -` reads it.
    package func stream() throws -> String {
        try objects.map { "---\n" + (try $0.tree.yaml()) }.joined()
    }

    /// `shared.yaml`, `project-NAME.yaml` for each project, and a `kustomization.yaml` naming
    /// them, so `kubectl apply -k DIR` works; the prefix keeps a project's file apart from the others.
    package func files() throws -> [(path: String, contents: String)] {
        var projects: [String?] = []
        for object in objects where !projects.contains(object.project) { projects.append(object.project) }
        var files = try projects.map { project in
            (path: project.map { "project-\($0).yaml" } ?? "shared.yaml",
             contents: try objects.filter { $0.project == project }.map { "---\n" + (try $0.tree.yaml()) }.joined())
        }
        let kustomization: YAMLTree = ["apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                                       "resources": .list(files.map { .string($0.path) })]
        files.append((path: "kustomization.yaml", contents: try kustomization.yaml()))
        return files
    }
}
