import Testing
@testable import FakeGitHub

@Suite struct BuilderTests {
    @Test func addEventAppliesItsEffect() {
        var repo = FakeRepository(owner: "o", name: "r", id: 1)
        let issue = repo.addIssue(title: "t", user: "alice", at: 100)
        #expect(issue.number == 1)
        #expect(issue.updatedAt == 100)
        repo.addEvent(issue: 1, event: "labeled", actor: "alice", label: "bug", at: 110)
        repo.addEvent(issue: 1, event: "labeled", actor: "alice", label: "ui", at: 111)
        repo.addEvent(issue: 1, event: "assigned", actor: "alice", assignee: "bob", at: 112)
        repo.addEvent(issue: 1, event: "closed", actor: "alice", at: 113)
        #expect(repo.issues[0].labels == ["bug", "ui"])
        #expect(repo.issues[0].assignees == ["bob"])
        #expect(repo.issues[0].state == "closed")
        #expect(repo.issues[0].closedAt == 113)
        #expect(repo.issues[0].updatedAt == 113)
        repo.addEvent(issue: 1, event: "unlabeled", actor: "alice", label: "bug", at: 120)
        repo.addEvent(issue: 1, event: "unassigned", actor: "alice", assignee: "bob", at: 121)
        repo.addEvent(issue: 1, event: "reopened", actor: "alice", at: 122)
        #expect(repo.issues[0].labels == ["ui"])
        #expect(repo.issues[0].assignees == [])
        #expect(repo.issues[0].state == "open")
        #expect(repo.issues[0].closedAt == nil)
        #expect(repo.events.map(\.id) == Array(12_000_000_001...12_000_000_007))
    }

    @Test func commentsCountAndEdits() {
        var repo = FakeRepository(owner: "o", name: "r", id: 1)
        repo.addIssue(title: "t", user: "alice", at: 100)
        repo.addIssue(title: "pr", user: "alice", isPullRequest: true, at: 101)
        #expect(repo.issues.map(\.number) == [1, 2])
        let comment = repo.addComment(issue: 1, body: "a", user: "bob", at: 105)
        repo.addComment(issue: 2, body: "r", user: "bob", at: 106, review: true)
        #expect(repo.issues[0].comments == 1)
        #expect(repo.issues[0].updatedAt == 105)
        #expect(repo.issues[1].comments == 0)
        #expect(repo.issues[1].updatedAt == 106)
        repo.editComment(id: comment.id, review: false, body: "b", at: 200)
        #expect(repo.issueComments[0].body == "b")
        #expect(repo.issueComments[0].updatedAt == 200)
        #expect(repo.issueComments[0].createdAt == 105)
        #expect(repo.issues[0].updatedAt == 105)
        repo.touchIssue(2, at: 300)
        #expect(repo.issues[1].updatedAt == 300)
        #expect(repo.issueComments[0].id == 5_000_000_001)
        #expect(repo.reviewComments[0].id == 2_500_000_001)
    }

    @Test func usersHaveStableIds() {
        #expect(FakeUser("alice").id == FakeUser("alice").id)
        #expect(FakeUser("alice").id != FakeUser("bob").id)
        #expect(FakeUser("alice").id > 0)
        #expect(FakeUser("ghost").id == 10137)
        #expect(FakeUser.ghost == FakeUser("ghost", id: 10137))
        #expect(FakeUser("x", id: 5).id == 5)
        let actor: FakeActor = "carol"
        #expect(actor == .user(FakeUser("carol")))
    }

    @Test func mutateAndRepositoryCopies() {
        let server = FakeGitHub()
        server.addRepository(FakeRepository(owner: "o", name: "r", id: 9))
        let issue = server.mutate("o/r") { $0.addIssue(title: "x", user: "a", at: 1) }
        #expect(issue.number == 1)
        #expect(server.repository("o/r")?.issues.count == 1)
        #expect(server.repository("O/R")?.id == 9)
    }
}
