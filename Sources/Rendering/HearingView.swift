import Content

/// Consultations (høringer) on pages: the banner of a recommendation or checklist on
/// consultation, the list on the front page and the page `horinger/`.
///
/// Whether a consultation is open, and how many days are left, is computed as of the release
/// date, so the pages are the same on every build; `assets/hearings.js` counts again from the
/// reader's clock (`data-deadline`) and hides the consultations that have closed since.
enum HearingView {
    /// The hearing of a page: deadline, how to answer (a `mailto:` link whose subject names the
    /// content, or the web address) and the documents. `isOpen` when the status is `høring`.
    static func make(_ hearing: Hearing?, id: String, title: String, status: Status, context: PageContext) -> View? {
        guard let hearing else { return nil }
        let releaseDate = context.site.config.releaseDate.value
        let open = status == .høring
        return view([
            "deadline": CommonViews.date(hearing.deadline.value),
            "respond": respond(hearing, id: id, title: title),
            "documents": hearing.documents.isEmpty
                ? nil : view(["items": hearing.documents.map { view(["title": $0.title.value, "href": $0.url.value]) }]),
            "isOpen": open ? true : nil,
            "isOverdue": open && !hearing.isOpen(on: releaseDate) ? true : nil,
            "isClosed": open ? nil : true,
        ])
    }

    /// How to answer: a link and its text.
    static func respond(_ hearing: Hearing, id: String, title: String) -> View {
        switch hearing.respondTo.value {
        case .email(let address):
            view([
                "href": "mailto:" + address + "?subject=" + Escaping.percentEncoded("Høringssvar: \(id) \(title)"),
                "label": address,
                "isEmail": true,
            ])
        case .url(let url):
            view(["href": url, "label": url, "isEmail": nil])
        }
    }

    /// One consultation in a list: what it is, its deadline and days left (as of the release
    /// date), how to answer, and its status once closed.
    static func summary(_ consultation: Consultation, _ context: PageContext) -> View {
        let releaseDate = context.site.config.releaseDate.value
        let hearing = consultation.hearing
        let daysLeft = hearing.map { $0.daysLeft(from: releaseDate) }
        return view([
            "id": consultation.id,
            "title": consultation.title,
            "kind": consultation.kindLabel,
            "href": context.href(consultation.path),
            "status": CommonViews.status(consultation.status),
            "deadline": hearing.map { CommonViews.date($0.deadline.value) } ?? nil,
            "daysLeft": consultation.isOpen ? daysLeft.map(daysLeftLabel) : nil,
            "respond": hearing.map { respond($0, id: consultation.id, title: consultation.title) },
            "isOverdue": consultation.status == .høring && !consultation.isOpen ? true : nil,
        ])
    }

    /// "siste dag i dag", "1 dag igjen", "12 dager igjen"; `assets/hearings.js` says the same.
    static func daysLeftLabel(_ days: Int) -> String {
        switch days {
        case ..<0: "fristen er ute"
        case 0: "siste dag i dag"
        case 1: "1 dag igjen"
        default: "\(days) dager igjen"
        }
    }

    /// A page of `horinger/`: the open consultations, soonest deadline first, then the closed
    /// ones, latest first, the page's share of each.
    static func page(_ site: Site, open: [Consultation], closed: [Consultation], page: Pagination, context: PageContext) -> View {
        let openRange = page.range.clamped(to: 0..<open.count)
        let closedRange = (page.range.lowerBound - open.count..<page.range.upperBound - open.count).clamped(to: 0..<closed.count)
        let isLast = page.number == page.count
        return view([
            // Each section on the pages that hold its items; an empty one, saying so, on the first
            // page (open) or the last (closed).
            "openSection": page.number == 1 || !openRange.isEmpty ? true : nil,
            "open": open[openRange].map { summary($0, context) },
            "closedSection": isLast || !closedRange.isEmpty ? true : nil,
            "closed": closed[closedRange].map { summary($0, context) },
            "calendarHref": context.file(Route.hearingsCalendar),
            "hearingsScript": context.file("assets/hearings.js"),
            "asOf": CommonViews.date(site.config.releaseDate.value),
            "pagination": page.navigation(context, items: "høringer", everything: .hearingsCalendar),
        ])
    }
}
