enum GoUnicodeClasses {
    enum Resolved {
        case ranges([(UInt32, UInt32)])
        case property(String, inverted: Bool)
    }

    static func icuProperty(forGoName name: String) -> Resolved? {
        let key = canonicalName(name)
        switch key {
        case "Any": return .ranges([(0, 0x10FFFF)])
        case "Assigned": return .property("gc=Cn", inverted: true)
        case "Ascii": return .ranges([(0, 0x7F)])
        case "Lc": return .property("gc=LC", inverted: false)
        default: break
        }
        if categories.contains(key) { return .property("gc=" + key, inverted: false) }
        if let script = scriptsByCanonicalName[key] { return .property("sc=" + script, inverted: false) }
        if let category = categoryAliases[key] { return .property("gc=" + category, inverted: false) }
        return nil
    }

    // Go's canonicalName: drop `_`, `-` and spaces, upper-case the first ASCII
    // letter and lower-case the rest.
    static func canonicalName(_ name: String) -> String {
        var bytes: [UInt8] = []
        var first = true
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "):
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z") where first:
                bytes.append(byte - 32)
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !first:
                bytes.append(byte + 32)
            default:
                bytes.append(byte)
            }
            first = false
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let categories: Set<String> = [
        "C", "Cc", "Cf", "Cn", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
        "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm",
        "So", "Z", "Zl", "Zp", "Zs",
    ]

    // unicode.CategoryAliases (PropertyValueAliases.txt), keyed by canonical name.
    static let categoryAliases: [String: String] = [
        "Other": "C", "Control": "Cc", "Cntrl": "Cc", "Format": "Cf", "Unassigned": "Cn",
        "Privateuse": "Co", "Surrogate": "Cs", "Letter": "L", "Casedletter": "LC",
        "Lowercaseletter": "Ll", "Modifierletter": "Lm", "Otherletter": "Lo",
        "Titlecaseletter": "Lt", "Uppercaseletter": "Lu", "Mark": "M", "Combiningmark": "M",
        "Spacingmark": "Mc", "Enclosingmark": "Me", "Nonspacingmark": "Mn", "Number": "N",
        "Decimalnumber": "Nd", "Digit": "Nd", "Letternumber": "Nl", "Othernumber": "No",
        "Punctuation": "P", "Punct": "P", "Connectorpunctuation": "Pc", "Dashpunctuation": "Pd",
        "Closepunctuation": "Pe", "Finalpunctuation": "Pf", "Initialpunctuation": "Pi",
        "Otherpunctuation": "Po", "Openpunctuation": "Ps", "Symbol": "S", "Currencysymbol": "Sc",
        "Modifiersymbol": "Sk", "Mathsymbol": "Sm", "Othersymbol": "So", "Separator": "Z",
        "Lineseparator": "Zl", "Paragraphseparator": "Zp", "Spaceseparator": "Zs",
    ]

    // unicode.Scripts of Go's Unicode 15.1 tables.
    static let scripts: [String] = [
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese",
        "Bamum", "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille",
        "Buginese", "Buhid", "Canadian_Aboriginal", "Carian", "Caucasian_Albanian", "Chakma",
        "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot",
        "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan",
        "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian", "Glagolitic",
        "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han", "Hangul",
        "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic",
        "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi",
        "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer",
        "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu",
        "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen",
        "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive",
        "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar",
        "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
        "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
        "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian",
        "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene",
        "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan",
        "Saurashtra", "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian",
        "Sora_Sompeng", "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa",
        "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana",
        "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho",
        "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    ]

    static let scriptsByCanonicalName: [String: String] = Dictionary(
        uniqueKeysWithValues: scripts.map { (canonicalName($0), $0) })
}
