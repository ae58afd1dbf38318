import Foundation

/// Writes each project's Grafana files under `DIRECTORY/PROJECT/`, and the report's pages, every
/// file whole: written beside its place and renamed, so no reader ever sees half a file.
package enum DashboardOutput {
    /// Returns the paths written, in order.
    package static func write(_ provisionings: [GrafanaProvisioning], to directory: String) throws -> [String] {
        var written: [String] = []
        for provisioning in provisionings {
            for file in try provisioning.files() {
                let path = "\(directory)/\(provisioning.project.name)/\(file.path)"
                try TextFile.writeWhole(file.contents, to: path)
                written.append(path)
            }
        }
        return written
    }

    /// The report's pages under `directory`; returns their paths.
    package static func write(_ pages: [HTMLReport.Page], to directory: String) throws -> [String] {
        try pages.map { page in
            let path = "\(directory)/\(page.path)"
            try TextFile.writeWhole(Data(page.html.utf8), to: path)
            return path
        }
    }
}
