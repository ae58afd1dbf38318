import Foundation
import VelodromeKit

let status = await Dispatcher.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status.rawValue)
