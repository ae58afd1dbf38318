import TestSupport
import Testing
@testable import VelodromeKit

@Suite struct AgeIndexTests {
    /// Against sorting every age, as the original did, over random inserts and removals.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func matchesSortingAllAges(seed: UInt64) {
        var random = SeededRandom(seed)
        var index = AgeIndex()
        var live: [(slot: Int32, start: Int64)] = []
        var now: Int64 = 1_600_000_000
        for step in 0..<3000 {
            now += Int64(random.next(90))
            if live.isEmpty || random.next(3) != 0 {
                let start = random.next(20) == 0 ? AgeIndex.zero : now
                live.append((index.insert(start), start))
            } else {
                let victim = live.remove(at: random.next(live.count))
                index.remove(victim.slot, start: victim.start)
            }
            let ages = live.map { now - $0.start }.sorted()
            #expect(index.count == ages.count)
            #expect(index.totalMinutes(at: now) == ages.map { $0 / 60 }.reduce(0, +), "step \(step)")
            for percentile in [1, 50, 90, 99, 100] {
                let expected = ages.isEmpty ? 0 : ages[(percentile * ages.count + 99) / 100 - 1] / 60
                #expect(index.percentileMinutes(percentile, at: now) == expected, "step \(step) p\(percentile)")
            }
        }
    }
}

@Suite struct LineProtocolTests {
    @Test func encodesIntegersStringsAndNanoseconds() {
        let point = MetricPoint(measurement: "needs-rebase", repository: "kubernetes/kubernetes", time: 1_600_000_000_000_000_001,
                                fields: [MetricField("count", .integer(3)), MetricField("sum", .integer(120)), MetricField("50%", .integer(40))])
        #expect(LineProtocol.line(point) == "needs-rebase,repository=kubernetes/kubernetes count=3i,sum=120i,50%=40i 1600000000000000001")
    }

    @Test func escapesEverySpecialCharacter() {
        let point = MetricPoint(measurement: "a metric,x", repository: "o/r =,x", time: 5,
                                fields: [MetricField("event", .integer(1)), MetricField("author", .string("we\"ird, \\ name\nnext\r½🚀"))])
        #expect(LineProtocol.line(point) == #"a\ metric\,x,repository=o/r\ \=\,x event=1i,author="we\"ird, \\ name\nnext\r½🚀" 5"#)
    }

    @Test func influxQLQuotesEveryIdentifier() {
        #expect(InfluxQL.dropSeries(measurement: "needs-rebase", repository: "kubernetes/kubernetes")
                == #"DROP SERIES FROM "needs-rebase" WHERE "repository" = 'kubernetes/kubernetes'"#)
        #expect(InfluxQL.identifier(#"we"ird\"#) == #""we\"ird\\""#)
        #expect(InfluxQL.string("it's") == #"'it\'s'"#)
    }

    @Test func stateCodecRoundTrips() {
        let entries = [StateEntry(number: 1, nodes: [1, 0], since: [5, Timestamp.goZero.seconds]),
                       StateEntry(number: 1 << 40, nodes: [2, 1], since: [-7, 9])]
        let bytes = StateCodec.encode(CountState(entries: entries), parts: 2)
        // Without --first-time, version 1 exactly as it was: older checkpoints stay valid.
        #expect(Array(bytes.prefix(6)) == [1, 2, 2, 0, 0, 0])
        #expect(bytes.count == 6 + 2 * (8 + 9 * 2))
        #expect(StateCodec.decode(bytes, parts: 2, counters: nil) == CountState(entries: entries))
        #expect(StateCodec.decode(bytes, parts: 3, counters: nil) == nil)
        #expect(StateCodec.decode(Array(bytes.dropLast()), parts: 2, counters: nil) == nil)
        #expect(StateCodec.decode(StateCodec.encode(CountState(), parts: 0), parts: 0, counters: nil) == CountState())
        // With it, version 2 carries each counter's logins; a version 1 state is not one of those.
        let seen = CountState(entries: entries, seen: [["alice", "bob"], [], ["zoë 🚀"]])
        let withSeen = StateCodec.encode(seen, parts: 2)
        #expect(withSeen.first == 2)
        #expect(StateCodec.decode(withSeen, parts: 2, counters: 3) == seen)
        #expect(StateCodec.decode(withSeen, parts: 2, counters: 2) == nil)
        #expect(StateCodec.decode(bytes, parts: 2, counters: 3) == nil)
        #expect(StateCodec.decode(withSeen, parts: 2, counters: nil) == nil)
        #expect(StateCodec.decode(Array(withSeen.dropLast()), parts: 2, counters: 3) == nil)
    }

    @Test func latencyCodecRoundTrips() {
        let entries = [LatencyEntry(number: 7, started: 1_700_000_000, stopped: false),
                       LatencyEntry(number: 1 << 40, started: LatencyMetric.notStarted, stopped: true)]
        let bytes = LatencyCodec.encode(entries)
        #expect(LatencyCodec.decode(bytes) == entries)
        #expect(LatencyCodec.decode(Array(bytes.dropLast())) == nil)
        #expect(LatencyCodec.decode(bytes + [0]) == nil)
        #expect(LatencyCodec.decode(StateCodec.encode(CountState(), parts: 0)) == nil)
    }
}
