import Foundation

/// Everything config.yaml describes, as Kubernetes objects: the shared ones, then each
/// project's, in config.yaml's order. A selector keeps the objects whose labels it matches.
package struct ManifestSet: Sendable {
    package struct Object: Sendable {
        /// `shared`, or the project's name: the file it goes to with `--output-dir`.
        package var group: String
        package var labels: ManifestLabels
        package var tree: YAMLTree
    }

    package var objects: [Object]

    package init(configuration: Configuration, configurationText: String, settings: ManifestSettings, selector: LabelSelector? = nil) throws {
        var objects = SharedManifests(settings: settings, configuration: configurationText).objects.map {
            Object(group: "shared", labels: $0.labels, tree: $0.tree)
        }
        for project in configuration.projects {
            objects += try ProjectManifests(project: project, settings: settings).objects().map {
                Object(group: project.name, labels: $0.labels, tree: $0.tree)
            }
        }
        self.objects = selector.map { selector in objects.filter { selector.matches($0.labels.dictionary) } } ?? objects
    }

    /// One multi-document YAML stream, as `kubectl apply -f -` reads it.
    package func stream() throws -> String {
        try objects.map { "---\n" + (try $0.tree.yaml()) }.joined()
    }

    /// A file per group, and a `kustomization.yaml` naming them, so `kubectl apply -k DIR` works.
    package func files() throws -> [(path: String, contents: String)] {
        var groups: [String] = []
        for object in objects where !groups.contains(object.group) { groups.append(object.group) }
        var files = try groups.map { group in
            (path: "\(group).yaml", contents: try objects.filter { $0.group == group }.map { "---\n" + (try $0.tree.yaml()) }.joined())
        }
        let kustomization: YAMLTree = ["apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                                       "resources": .list(files.map { .string($0.path) })]
        files.append((path: "kustomization.yaml", contents: try kustomization.yaml()))
        return files
    }
}
