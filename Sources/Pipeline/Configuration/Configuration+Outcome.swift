import Episodes
import Extracts

/// `outcome.categories`, `outcome.classes` and `outcome.order` (definitions.md §7c). Every
/// error names the rule at fault by its place and name.
extension Configuration {
    static func outcomeCategories(_ o: inout JSONReader) throws -> OutcomeCategories? {
        let classesGiven = o.has("classes"), orderGiven = o.has("order")
        guard let list = try o.array("categories") else {
            if classesGiven || orderGiven { throw o.fail(classesGiven ? "classes" : "order", "needs outcome.categories") }
            return nil
        }
        if list.isEmpty { throw o.fail("categories", "needs at least one rule") }
        let rules = try list.enumerated().map { try outcomeRule($1, at: $0, o) }
        try checkReachable(rules, o)
        var names = [String]()
        for rule in rules where !names.contains(rule.category) { names.append(rule.category) }
        if let order = try o.strings("order") {
            guard order.count == names.count, Set(order) == Set(names) else {
                throw o.fail("order", "must list each category of outcome.categories once: \(names.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            names = order
        }
        let classes = try outcomeClasses(try o.object("classes"), names: names, rules: rules, o)
        return OutcomeCategories(rules: rules, names: names, classes: classes)
    }

    private static func outcomeRule(_ value: JSONValue, at i: Int, _ o: JSONReader) throws -> OutcomeCategories.Rule {
        guard case .object(let object) = value else { throw o.fail("categories[\(i)]", "expected a rule object") }
        guard case .string(let name)? = object["name"], !name.isEmpty else {
            throw o.fail("categories[\(i)]", "needs a \"name\" (the category it gives)")
        }
        var r = JSONReader(file: o.file, path: "\(o.path).categories[\(i)] (\"\(name)\")", object: object)
        _ = try r.string("name")
        func list<T>(_ key: String, _ what: String, _ parse: (String) -> T?) throws -> [T]? {
            guard let names = try r.strings(key) else { return nil }
            if names.isEmpty { throw r.fail(key, "an empty list can never hold; leave the key out for no condition") }
            return try names.map { n in
                guard !n.isEmpty, let v = parse(n) else { throw r.fail(key, "unknown \(what) \"\(n)\"") }
                return v
            }
        }
        let rule = OutcomeCategories.Rule(name, employed: try r.bool("employed"),
                                          benefits: try list("benefits", "benefit") { Benefit(name: $0) },
                                          registered: try list("registered", "hovedstatus") { Hovedstatus(name: $0) },
                                          measures: try list("measures", "measure code") { $0 })
        try r.finish()
        return rule
    }

    /// A rule after one without conditions can never match; the last rule must hold for
    /// everyone, so that every exit gets a status.
    private static func checkReachable(_ rules: [OutcomeCategories.Rule], _ o: JSONReader) throws {
        if let open = rules.firstIndex(where: { !$0.hasCondition }), open < rules.count - 1 {
            throw o.fail("categories[\(open + 1)] (\"\(rules[open + 1].category)\")",
                         "can never match: categories[\(open)] (\"\(rules[open].category)\") has no condition and catches everyone")
        }
        if let last = rules.last, last.hasCondition {
            throw o.fail("categories[\(rules.count - 1)] (\"\(last.category)\")",
                         "the last rule must have no condition (e.g. { \"name\": \"other\" }), so that every exit gets a status")
        }
    }

    /// Each category's headline class: from `classes`, or §2's for §2's names.
    private static func outcomeClasses(_ given: JSONReader?, names: [String], rules: [OutcomeCategories.Rule],
                                       _ o: JSONReader) throws -> [HeadlineStatus] {
        let standard = OutcomeCategories.standard()
        var given = given
        let classes = try names.map { name -> HeadlineStatus in
            let rule = rules.firstIndex { $0.category == name }!
            if var g = given, let text = try g.string(name) {
                given = g
                guard let h = HeadlineStatus.allCases.first(where: { $0.name == text }) else {
                    throw g.fail(name, "\"\(text)\" is not a headline class (\(HeadlineStatus.allCases.map(\.name).joined(separator: ", ")))")
                }
                return h
            }
            guard let i = standard.names.firstIndex(of: name) else {
                throw o.fail("categories[\(rule)] (\"\(name)\")", "the category has no class in outcome.classes")
            }
            return standard.classes[i]
        }
        if let g = given, let stray = g.object.keys.sorted().first(where: { !names.contains($0) }) {
            throw g.fail(stray, "names no category of outcome.categories")
        }
        return classes
    }

    /// What depends on other sections: a `registered` status must count as registered
    /// (`exit.statuses`); the comparison tables' suppression knows §2's statuses only.
    func checkOutcomeCategories(file: String) throws {
        guard let categories = outcome.categories else { return }
        for (i, rule) in categories.rules.enumerated() {
            if let s = rule.registered?.first(where: { !exit.statuses.contains($0) }) {
                throw ConfigurationError("\(file): outcome.categories[\(i)] (\"\(rule.category)\").registered: \(s.name) is not in exit.statuses, so it never counts as registered",
                                         file: file, key: "outcome.categories[\(i)].registered")
            }
        }
        if !comparisons.isEmpty {
            throw ConfigurationError("\(file): comparisons: not available with outcome.categories yet (their tables and suppression use §2's statuses); set \"comparisons\": []",
                                     file: file, key: "comparisons")
        }
    }
}
