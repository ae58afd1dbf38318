package enum Velodrome { package static let version = "0.1.0" }
