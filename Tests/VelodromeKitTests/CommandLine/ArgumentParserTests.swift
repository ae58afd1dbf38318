import Foundation
import Testing
@testable import VelodromeKit

@Suite struct ArgumentParserTests {
    let parser = ArgumentParser(options: [
        OptionSpec("repository", kind: .list, valueName: "ORG/NAME", help: "r"),
        OptionSpec("comments", kind: .repeated, help: "c"),
        OptionSpec("frequency", valueName: "N", default: "2", environment: "FREQ", help: "f"),
        OptionSpec("interval", valueName: "DURATION", help: "i"),
        OptionSpec("level", valueName: "LEVEL", help: "l"),
        OptionSpec("project", aliases: ["proj"], help: "p"),
        OptionSpec("selector", short: "l", help: "s"),
        .flag("once", help: "o"),
        .flag("no-issues", help: "n"),
    ], stopAt: ["count"], context: "test", elsewhere: ["influx-host": "transform"])

    @Test func acceptsEqualsAndSeparateValues() throws {
        let parsed = try parser.parse(["--frequency=4", "--project", "kubernetes"])
        #expect(parsed.value("frequency") == "4")
        #expect(parsed.value("project") == "kubernetes")
    }

    @Test(arguments: [["-l", "app=fetcher"], ["-l=app=fetcher"], ["-lapp=fetcher"], ["--selector", "app=fetcher"]])
    func aShortSpellingTakesItsValueEveryWay(arguments: [String]) throws {
        let parsed = try parser.parse(arguments)
        #expect(parsed.value("selector") == "app=fetcher")
    }

    @Test func anUnknownShortOptionIsAnError() {
        #expect(throws: UsageError("unknown option -x", argumentIndex: 0)) { try parser.parse(["-x", "1"]) }
        #expect(throws: UsageError("option --selector needs a value (VALUE)", argumentIndex: 0)) { try parser.parse(["-l"]) }
    }

    @Test func listsRepeatAndSplitOnCommas() throws {
        let parsed = try parser.parse(["--repository", "a/b,c/d", "--repository=e/f", "--repository", " g/h , "])
        #expect(parsed.all("repository") == ["a/b", "c/d", "e/f", "g/h"])
    }

    @Test func repeatedOptionsKeepCommas() throws {
        let parsed = try parser.parse(["--comments=a{1,3}", "--comments", "x,y"])
        #expect(parsed.all("comments") == ["a{1,3}", "x,y"])
    }

    @Test func lastValueWins() throws {
        #expect(try parser.parse(["--frequency=1", "--frequency=3"]).value("frequency") == "3")
    }

    @Test func flagsTakeOptionalBooleans() throws {
        #expect(try parser.parse(["--once"]).flag("once"))
        #expect(try parser.parse(["--once=true"]).flag("once"))
        #expect(try !parser.parse(["--once", "--once=false"]).flag("once"))
        #expect(throws: UsageError("option --once takes no value, got \"yes\" (use --once or --once=false)", argumentIndex: 0)) {
            try parser.parse(["--once=yes"])
        }
    }

    @Test func aliasesMapToTheCanonicalName() throws {
        #expect(try parser.parse(["--proj=x"]).value("project") == "x")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try parser.parse(["--once", "--", "--frequency", "count"])
        #expect(parsed.positionals == ["--frequency", "count"])
        #expect(parsed.remainder.isEmpty)
    }

    @Test func pluginPositionalStopsParsing() throws {
        let parsed = try parser.parse(["--project=x", "count", "--no-issues", "--event=merged"])
        #expect(parsed.positionals == ["count"])
        #expect(parsed.remainder == ["--no-issues", "--event=merged"])
        #expect(!parsed.flag("no-issues"))
    }

    @Test func environmentFillsAbsentOptions() throws {
        let fromEnvironment = try parser.parse([], environment: ["FREQ": "6"])
        #expect(fromEnvironment.value("frequency") == "6")
        #expect(fromEnvironment.sources["frequency"] == .environment("FREQ"))
        #expect(fromEnvironment.culprit("frequency") == "environment variable FREQ")
        let fromCommandLine = try parser.parse(["--frequency=1"], environment: ["FREQ": "6"])
        #expect(fromCommandLine.value("frequency") == "1")
        #expect(fromCommandLine.culprit("frequency") == "--frequency")
    }

    @Test func helpIsRecognisedAnywhere() throws {
        #expect(try parser.parse(["--once", "--help"]).helpRequested)
        #expect(try parser.parse(["-h"]).helpRequested)
    }

    @Test(arguments: [
        (["--repositry=a/b"], UsageError("unknown option --repositry; did you mean --repository?", argumentIndex: 0)),
        (["--once", "--frequncy", "2"], UsageError("unknown option --frequncy; did you mean --frequency?", argumentIndex: 1)),
        (["--zzzzzz"], UsageError("unknown option --zzzzzz", argumentIndex: 0)),
        (["-x"], UsageError("unknown option -x", argumentIndex: 0)),
        (["--project"], UsageError("option --project needs a value (VALUE)", argumentIndex: 0)),
        (["--repository"], UsageError("option --repository needs a value (ORG/NAME)", argumentIndex: 0)),
    ])
    func badUsageNamesTheCulprit(arguments: [String], expected: UsageError) {
        #expect(throws: expected) { try parser.parse(arguments) }
    }

    @Test func typedReadersNameTheOption() throws {
        #expect(throws: UsageError("bad number \"abc\" for --frequency: expected a whole number from 1 to 3600")) {
            try parser.parse(["--frequency=abc"]).integer("frequency", in: 1...3600)
        }
        #expect(throws: UsageError("bad number \"0\" for environment variable FREQ: expected a whole number from 1 to 3600")) {
            try parser.parse([], environment: ["FREQ": "0"]).integer("frequency", in: 1...3600)
        }
        #expect(throws: UsageError("bad duration \"5x\" for --interval: expected a number with a unit, such as 90s, 15m, 1h30m")) {
            try parser.parse(["--interval=5x"]).duration("interval")
        }
        #expect(throws: UsageError("bad value \"inf\" for --level: expected one of debug, info; did you mean info?")) {
            try parser.parse(["--level=inf"]).choice("level", from: [("debug", 1), ("info", 2)])
        }
        #expect(try parser.parse(["--level=info"]).choice("level", from: [("debug", 1), ("info", 2)]) == 2)
        #expect(try parser.parse(["--interval=1h30m"]).duration("interval") == .seconds(5400))
        #expect(try parser.parse([]).optionalDuration("interval") == nil)
        #expect(throws: UsageError("--interval needs a value")) { try parser.parse([]).duration("interval") }
    }

    @Test func declaredDefaultsAreFilledIn() throws {
        let parsed = try parser.parse([])
        #expect(parsed.value("frequency") == "2")
        #expect(parsed.sources["frequency"] == .defaultValue)
        #expect(parsed.has("frequency"))
        #expect(!parsed.isGiven("frequency"))
        #expect(try parser.parse(["--frequency=3"]).isGiven("frequency"))
        #expect(try parser.parse([], environment: ["FREQ": "5"]).isGiven("frequency"))
        #expect(parsed.value("interval") == nil)
    }

    @Test func anotherCommandsOptionIsNamedAsSuch() {
        #expect(throws: UsageError("--influx-host is an option of transform, not of test", argumentIndex: 1)) {
            try parser.parse(["--once", "--influx-host=http://x"])
        }
    }

    @Test func ownOptionsAfterThePluginAreRefused() throws {
        let plugin = [OptionSpec("event", help: "e"), OptionSpec("project", help: "shares a name with the host's")]
        let parsed = try parser.parse(["count", "--event=merged", "--project=x"])
        try parser.rejectOwnOptions(in: parsed.remainder, plugin: "count", pluginOptions: plugin)
        #expect(throws: UsageError("--frequency is an option of test, not of count: put it before count")) {
            try parser.rejectOwnOptions(in: ["--event=merged", "--frequency=4"], plugin: "count", pluginOptions: plugin)
        }
    }

    @Test func rejectsStrayPositionals() throws {
        let parsed = try parser.parse(["extra"])
        #expect(throws: UsageError("unexpected argument \"extra\" for test")) { try parser.rejectPositionals(parsed) }
    }
}

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("90s", Duration.seconds(90)), ("15m", .seconds(900)), ("1h30m", .seconds(5400)),
        ("250ms", .milliseconds(250)), ("1.5h", .seconds(5400)), ("2d", .seconds(172_800)), ("0s", .zero),
    ])
    func parses(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "30", "m", "5x", "1h30", "-5m", "1e3s"])
    func refuses(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formats() {
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.seconds(45)) == "45s")
        #expect(DurationText.format(.milliseconds(1500)) == "1500ms")
        #expect(DurationText.format(.zero) == "0s")
    }
}

@Suite struct SuggestionTests {
    @Test func findsNearTypos() {
        let names = ["repository", "project", "frequency", "once"]
        #expect(Suggestion.closest(to: "repositry", among: names) == "repository")
        #expect(Suggestion.closest(to: "porject", among: names) == "project")
        #expect(Suggestion.closest(to: "onec", among: names) == "once")
        #expect(Suggestion.closest(to: "zzz", among: names) == nil)
    }
}

@Suite struct LoopOptionsTests {
    let parser = ArgumentParser(options: [
        .flag("once", help: "o"),
        OptionSpec("frequency", valueName: "N", default: "2", environment: "FREQ", help: "f"),
        OptionSpec("interval", valueName: "DURATION", environment: "INTERVAL", help: "i"),
    ], context: "test")

    func schedule(_ arguments: [String], _ environment: [String: String] = [:]) throws -> LoopSchedule {
        try LoopSchedule(parsed: parser.parse(arguments, environment: environment))
    }

    @Test func frequencyIntervalAndOnce() throws {
        #expect(try schedule([]) == LoopSchedule(once: false, interval: .seconds(1800)))
        #expect(try schedule(["--once", "--frequency=4"]) == LoopSchedule(once: true, interval: .seconds(900)))
        #expect(try schedule(["--interval=10m"]) == LoopSchedule(once: false, interval: .seconds(600)))
        // The command line beats the variables; an interval beats a default frequency.
        #expect(try schedule(["--frequency=6"], ["INTERVAL": "1h"]) == LoopSchedule(once: false, interval: .seconds(600)))
        #expect(try schedule(["--interval=1h"], ["FREQ": "6"]) == LoopSchedule(once: false, interval: .seconds(3600)))
        #expect(try schedule([], ["INTERVAL": "2h"]) == LoopSchedule(once: false, interval: .seconds(7200)))
    }

    @Test func conflictsAndBadPeriods() {
        #expect(throws: UsageError("--interval and --frequency both set the loop period; give one")) {
            try schedule(["--interval=1h", "--frequency=2"])
        }
        #expect(throws: UsageError("bad duration \"500ms\" for --interval: must be at least 1s")) { try schedule(["--interval=500ms"]) }
        #expect(throws: UsageError("bad number \"0\" for environment variable FREQ: expected a whole number from 1 to 3600")) {
            try schedule([], ["FREQ": "0"])
        }
    }
}

@Suite struct SecretOptionTests {
    let parser = ArgumentParser(options: [
        OptionSpec("password", environment: "PASSWORD", help: "p"),
        OptionSpec("password-file", help: "f"),
    ], context: "test")

    @Test func fileBeatsValueBeatsNothing() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("password")
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try parser.parse(["--password=inline", "--password-file", file]).secret(file: "password-file", value: "password")
        #expect(fromFile == Secret("from-file", origin: "--password-file \(file)"))
        let fromVariable = try parser.parse([], environment: ["PASSWORD": "hunter2"]).secret(file: "password-file", value: "password")
        #expect(fromVariable == Secret("hunter2", origin: "environment variable PASSWORD"))
        #expect(try parser.parse([]).secret(file: "password-file", value: "password") == nil)
        #expect(throws: ConfigurationProblem("cannot read secret file /nonexistent/pw: No such file or directory")) {
            try parser.parse(["--password-file=/nonexistent/pw"]).secret(file: "password-file", value: "password")
        }
    }
}
