import Foundation

/// Writes each project's Grafana files under `DIRECTORY/PROJECT/`, every file whole: written
/// beside its place and renamed, so a Grafana reading the folder never sees half a dashboard.
package enum DashboardOutput {
    /// Returns the paths written, in order.
    package static func write(_ provisionings: [GrafanaProvisioning], to directory: String) throws -> [String] {
        var written: [String] = []
        for provisioning in provisionings {
            for file in try provisioning.files() {
                let path = "\(directory)/\(provisioning.project.name)/\(file.path)"
                let folder = (path as NSString).deletingLastPathComponent
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try file.contents.write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw ConfigurationProblem("cannot write \(path): \((error as NSError).localizedDescription)")
                }
                written.append(path)
            }
        }
        return written
    }
}
