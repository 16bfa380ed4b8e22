import Content

/// The checklist as a form: questions in order, with their help text and answer fields. It
/// prints as a blank form; `assets/checklist.js` keeps the answers in the browser and offers
/// printing them and downloading them as JSON or as a FHIR QuestionnaireResponse, for which the
/// form carries the Questionnaire's canonical URL and the answers' code system.
enum ChecklistView {
    static func make(_ checklist: Checklist, context: PageContext) -> View {
        view([
            "questionnaireURL": FHIR.canonicalURL(context.site, "Questionnaire", checklist.id.value),
            "answerSystem": FHIR.canonicalURL(context.site, "CodeSystem", FHIR.answerCodeSystemID),
            "scriptHref": context.file("assets/checklist.js"),
            "checklistID": checklist.id.value,
            "version": checklist.version.value.description,
            "status": CommonViews.status(checklist.status.value),
            "owner": CommonViews.partyLink(checklist.owner.value, context),
            "bodyHTML": context.html(checklist.document, pageIDs: PageIDs.checklist(checklist)),
            "source": checklist.source?.value,
            "feedback": FeedbackLinks.make(
                .checklist, id: checklist.id.value, title: checklist.title.value, version: checklist.version.value.description,
                path: Route.path(of: checklist), site: context.site),
            "hearing": HearingView.make(
                checklist.hearing, id: checklist.id.value, title: checklist.title.value, status: checklist.status.value,
                context: context),
            "questionCount": checklist.questions.count,
            "questions": checklist.questions.enumerated().map { index, question in
                let id = question.id.value
                let isChoice = question.answer == .yesNoUnsure
                return view([
                    "number": index + 1,
                    "questionID": id,
                    "text": question.text.value,
                    "help": question.help?.value,
                    "helpID": question.help == nil ? nil : PageIDs.help(id),
                    "required": question.required ? true : nil,
                    "isChoice": isChoice ? true : nil,
                    "answerType": question.answer.rawValue,
                    "options": isChoice
                        ? API.answerOptions.map { code, label in
                            view(["code": code, "label": label, "inputID": PageIDs.option(id, code), "name": "svar-\(id)"])
                        } : nil,
                    "textID": isChoice ? nil : PageIDs.answer(id),
                    "commentPrompt": question.comment?.value,
                    "commentID": question.comment == nil ? nil : PageIDs.comment(id),
                ])
            },
        ])
    }
}
