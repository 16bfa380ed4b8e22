/// A name in a tag, resolved the way swift-mustache resolves it.
///
/// `{{.}}` is the current value; `{{a.b}}` looks `a` up from the innermost value outwards and
/// `b` inside it; `{{.a}}` looks only at the current value; `{{first()}}` asks where the current
/// list item stands. Transforms (`empty(duties)`) apply innermost first.
struct TemplateName {
    enum Root: UInt8 {
        /// `{{.}}`
        case current
        /// `{{.a.b}}`: from the current value only.
        case anchored
        /// `{{a.b}}`: `a` from the innermost value that has it.
        case stack
        /// `{{first()}}`: the place of the current item in the list being drawn.
        case position
    }

    let root: Root
    let path: [String]
    /// In the order they apply: `empty(count(x))` is count, then empty.
    let transforms: [Transform]

    /// `transforms` as written, outermost first; `offset` is where the tag starts, for errors.
    init(_ name: String, transforms: [String], at offset: Int) throws(TemplateParser.SyntaxError) {
        var applied: [Transform] = []
        for written in transforms.reversed() {
            guard let transform = Transform(rawValue: written) else {
                throw TemplateParser.SyntaxError(
                    offset: offset,
                    message: "transformasjonen `\(written)` finnes ikke; bruk en av "
                        + Transform.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
            }
            applied.append(transform)
        }
        let path = name.split(separator: ".").map(String.init)
        if name == "." {
            root = .current
        } else if name.isEmpty, !applied.isEmpty {
            root = .position
        } else if path.isEmpty {
            root = .current
        } else {
            root = name.hasPrefix(".") ? .anchored : .stack
        }
        self.path = path
        self.transforms = applied
    }
}

/// What a transform in a tag (`{{^empty(duties)}}`) does, by the kind of value it meets; on any
/// other kind it gives nothing. swift-mustache's transforms, without those that need Foundation.
enum Transform: String, CaseIterable {
    /// Lists, text, objects: whether there is nothing in it.
    case empty
    /// Lists and objects: how many.
    case count
    /// Lists: the first or last item. In a list being drawn, `first()`/`last()`: whether this is it.
    case first, last
    /// Lists and text: back to front.
    case reversed
    case lowercased, uppercased
    /// Numbers.
    case equalzero, plusone, minusone
    /// Numbers, and `even()`/`odd()`/`index()` for the place in a list being drawn (from 0).
    case even, odd, index

    func apply(to value: TemplateValue) -> TemplateValue? {
        switch (self, value) {
        case (.empty, .list(let items)): .bool(items.isEmpty)
        case (.empty, .string(let text)): .bool(text.isEmpty)
        case (.empty, .object(let values)): .bool(values.isEmpty)
        case (.count, .list(let items)): .int(items.count)
        case (.count, .object(let values)): .int(values.count)
        case (.first, .list(let items)): items.first
        case (.last, .list(let items)): items.last
        case (.reversed, .list(let items)): .list(items.reversed())
        case (.reversed, .string(let text)): .string(String(text.reversed()))
        case (.lowercased, .string(let text)): .string(text.lowercased())
        case (.uppercased, .string(let text)): .string(text.uppercased())
        case (.equalzero, .int(let number)): .bool(number == 0)
        case (.plusone, .int(let number)): .int(number &+ 1)
        case (.minusone, .int(let number)): .int(number &- 1)
        case (.even, .int(let number)): .bool(number & 1 == 0)
        case (.odd, .int(let number)): .bool(number & 1 == 1)
        default: nil
        }
    }

    /// `first()`, `last()`, `index()`, `even()`, `odd()` on the place of a list item.
    func apply(to place: ListPlace) -> TemplateValue? {
        switch self {
        case .first: .bool(place.index == 0)
        case .last: .bool(place.isLast)
        case .index: .int(place.index)
        case .even: .bool(place.index & 1 == 0)
        case .odd: .bool(place.index & 1 == 1)
        default: nil
        }
    }
}

/// Where the item being drawn stands in its list.
struct ListPlace {
    let index: Int
    let isLast: Bool
}
