import Content

/// The checklist as a printable form: questions in order, with their help text and answer fields.
enum ChecklistView {
    static let answerOptions = [("yes", "Ja"), ("no", "Nei"), ("unsure", "Usikker")]

    static func make(_ checklist: Checklist, context: PageContext) -> View {
        view([
            "checklistID": checklist.id.value,
            "version": checklist.version.value.description,
            "status": CommonViews.status(checklist.status.value),
            "owner": CommonViews.partyLink(checklist.owner.value, context),
            "bodyHTML": context.html(checklist.document),
            "source": checklist.source?.value,
            "questionCount": checklist.questions.count,
            "questions": checklist.questions.enumerated().map { index, question in
                let id = question.id.value
                let isChoice = question.answer == .yesNoUnsure
                return view([
                    "number": index + 1,
                    "questionID": id,
                    "text": question.text.value,
                    "help": question.help?.value,
                    "helpID": question.help == nil ? nil : "hjelp-\(id)",
                    "required": question.required ? true : nil,
                    "isChoice": isChoice ? true : nil,
                    "options": isChoice
                        ? answerOptions.map { code, label in
                            view(["code": code, "label": label, "inputID": "svar-\(id)-\(code)", "name": "svar-\(id)"])
                        } : nil,
                    "textID": isChoice ? nil : "svar-\(id)",
                    "commentPrompt": question.comment?.value,
                    "commentID": question.comment == nil ? nil : "kommentar-\(id)",
                ])
            },
        ])
    }
}
