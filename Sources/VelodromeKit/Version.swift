public enum Velodrome { public static let version = "0.1.0" }
