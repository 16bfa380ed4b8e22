import Content

/// One page of a list that is split into pages (the lists of recommendations, a party's duties,
/// a set's matrix, the tasks, a transition's recommendations), so that no page grows with the
/// site: at 10,000 recommendations the list of all of them was 3.6 MB and the matrix 16.8 MB. The first page keeps the list's address; page
/// `n` is `<list>side/<n>/` (`Route.page`). Recommendations and `id/<ID>/` never move; which page
/// an item is on may change from release to release.
struct Pagination: Sendable {
    /// Items on a full page. At about 350 bytes a row (a list of recommendations), 500 bytes a duty
    /// and 1.6 kB a matrix row with fifteen parties, a page stays near 150 kB; a duty as long as a
    /// paragraph still leaves it well under 500 kB.
    static let pageSize = 100
    /// Items on a full page of a list whose items each carry a drawing: a transition's
    /// recommendations, each with its swimlane drawn twice (wide and narrow), about 4.8 kB an item
    /// at 10,000 generated recommendations, so that 100 would be 480 kB and longer duties would
    /// pass 500 kB; 25 keep a page near 125 kB.
    static let drawnPageSize = 25

    /// The page's number, from 1.
    let number: Int
    /// How many pages the list has (at least 1: an empty list has one empty page).
    let count: Int
    /// The items on this page, as indices into the whole list.
    let range: Range<Int>
    /// How many items the whole list has.
    let total: Int
    /// The address of the list's first page (`anbefalinger/`).
    let first: String

    /// Every page of a list of `total` items whose first page is at `first`, `size` to a page.
    static func pages(of total: Int, first: String, size: Int = pageSize) -> [Pagination] {
        let count = max(1, (total + size - 1) / size)
        return (1...count).map { number in
            let start = (number - 1) * size
            return Pagination(number: number, count: count, range: start..<min(total, start + size), total: total, first: first)
        }
    }

    /// Whether the item at `position` of the list is on this page; a position past the end
    /// (a set without recommendations after the last one) is on the last page.
    func holds(_ position: Int) -> Bool {
        range.contains(position) || (number == count && position >= range.upperBound)
    }

    /// The number of the page that holds the item at `position` of a list of `total` items (as
    /// `holds` places it): for a link to an item from another page.
    static func number(ofItemAt position: Int, in total: Int) -> Int {
        min(position / pageSize, max(0, total - 1) / pageSize) + 1
    }

    /// This page's folder.
    var folder: String { Route.page(number, of: first) }

    /// The page's title: the list's on the first page, with the page number on the others (each
    /// page needs a title of its own in a browser's history and in search results).
    func title(_ title: String) -> String {
        number == 1 ? title : "\(title) (side \(number) av \(count))"
    }

    /// The breadcrumbs of a later page lead back to the first.
    func crumbs(_ crumbs: [Crumb], label: String) -> [Crumb] {
        number == 1 ? crumbs : crumbs + [Crumb(label: label, folder: first)]
    }

    /// The page numbers a navigation shows: the first, the last, and two on each side of this one;
    /// `nil` where numbers are left out. A list of a hundred pages gets nine links, not a hundred.
    var shownNumbers: [Int?] {
        var shown: [Int?] = []
        for candidate in 1...count where candidate == 1 || candidate == count || abs(candidate - number) <= 2 {
            if let last = shown.last, let previous = last, candidate > previous + 1 { shown.append(nil) }
            shown.append(candidate)
        }
        return shown
    }

    /// Where a reader gets the whole list at once, which a split page names.
    enum Everything {
        /// The search (with its filters) and `api/recommendations.json`: for the lists of
        /// recommendations and duties.
        case searchAndAPI
        /// The Atom feed: for what changed.
        case feed
        /// `api/transitions.json`: for the recommendations of a transition.
        case transitionsAPI
        /// `horinger.ics`: every consultation's deadline, for `horinger/`.
        case hearingsCalendar
    }

    /// What `pagination.mustache` draws: `nil` for a list that fits on one page. `items` names
    /// the items in the plural ("anbefalinger").
    func navigation(_ context: PageContext, items: String, everything: Everything = .searchAndAPI) -> View? {
        guard count > 1 else { return nil }
        func href(_ page: Int) -> String { context.href(Route.page(page, of: first)) }
        return view([
            "summary": "Side \(number) av \(count): \(items) \(range.lowerBound + 1)–\(range.upperBound) av \(total)",
            "previousHref": number > 1 ? href(number - 1) : nil,
            "nextHref": number < count ? href(number + 1) : nil,
            "pages": shownNumbers.map { page in
                guard let page else { return view(["gap": true]) }
                return view(["number": page, "href": href(page), "current": page == number ? true : nil])
            },
            "allSearchHref": everything == .searchAndAPI ? context.href(Route.search) : nil,
            "allAPIHref": everything == .searchAndAPI ? context.file(API.recommendationsPath) : nil,
            "allFeedHref": everything == .feed ? context.file(Feeds.path) : nil,
            "allTransitionsHref": everything == .transitionsAPI ? context.file(API.transitionsPath) : nil,
            "allHearingsHref": everything == .hearingsCalendar ? context.file(Route.hearingsCalendar) : nil,
        ])
    }
}
