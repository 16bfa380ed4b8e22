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
                "href": "mailto:" + address + "?subject=" + percentEncoded("Høringssvar: \(id) \(title)"),
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

    /// RFC 3986 percent-encoding of everything but the unreserved characters (for `?subject=`,
    /// RFC 6068), of the UTF-8 bytes.
    static func percentEncoded(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF")
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out.append("%")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }

    /// `horinger/`: the open consultations, soonest deadline first, and the closed ones.
    static func page(_ site: Site, context: PageContext) -> View {
        let (open, closed) = site.consultationsByState
        return view([
            "open": open.map { summary($0, context) },
            "closed": closed.map { summary($0, context) },
            "calendarHref": context.file(Route.hearingsCalendar),
            "hearingsScript": context.file("assets/hearings.js"),
            "asOf": CommonViews.date(site.config.releaseDate.value),
        ])
    }
}
