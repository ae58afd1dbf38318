import Foundation

/// A regular expression with the syntax and match semantics of Go's `regexp`
/// package (RE2), run by Foundation's ICU-based `NSRegularExpression`.
///
/// The pattern is translated once, at initialisation, into an ICU pattern
/// that spells out every place where ICU and RE2 differ, so a config regex
/// behaves as the Go service that wrote it expected; patterns Go rejects
/// throw ``GoRegexError`` here too.
package struct GoRegex: Sendable, CustomStringConvertible {
    /// The original Go pattern.
    package let pattern: String
    private let compiled: CompiledPattern

    package init(_ pattern: String) throws {
        self.pattern = pattern
        let translated: String
        do {
            translated = try GoRegexTranslator.translate(pattern)
        } catch {
            throw GoRegexError(pattern: pattern, problem: error.problem,
                               offset: Self.characterOffset(in: pattern, scalarOffset: error.scalarOffset))
        }
        do {
            compiled = CompiledPattern(try NSRegularExpression(pattern: translated, options: [.useUnixLineSeparators]))
        } catch {
            // Only a translator bug gets here: every construct Go accepts is emitted in ICU syntax.
            throw GoRegexError(pattern: pattern, problem: "internal error: ICU rejected the translation \(translated)",
                               offset: 0)
        }
    }

    /// Go's `MatchString`: true if the expression matches anywhere in `text`.
    package func matches(_ text: String) -> Bool {
        compiled.regex.firstMatch(in: text, options: [], range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    package var description: String { pattern }

    private static func characterOffset(in pattern: String, scalarOffset: Int) -> Int {
        var prefix = String.UnicodeScalarView()
        prefix.append(contentsOf: pattern.unicodeScalars.prefix(scalarOffset))
        return String(prefix).count
    }
}

/// Why a Go regular expression was rejected.
package struct GoRegexError: Error, CustomStringConvertible, Equatable {
    package let pattern: String
    package let problem: String
    /// Offset, in characters, of the construct at fault (0 for whole-pattern limits).
    package let offset: Int

    package init(pattern: String, problem: String, offset: Int) {
        self.pattern = pattern
        self.problem = problem
        self.offset = offset
    }

    package var description: String {
        "invalid regular expression \"\(pattern)\": \(problem) at offset \(offset)"
    }
}

// NSRegularExpression is immutable after creation and documented as safe to
// use from several threads, but is not declared Sendable.
private final class CompiledPattern: @unchecked Sendable {
    let regex: NSRegularExpression
    init(_ regex: NSRegularExpression) { self.regex = regex }
}
