import CSystem
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to its end and collects what it printed. Unlike Foundation's `Process`, which
/// puts each child in a process group of its own, the child stays in ours: a signal to the group
/// (Ctrl-C in a terminal, a CI job cancelled) stops the child with us, so a `git push` can never
/// go on alone after the publish that started it was stopped.
enum ChildProcess {
    struct Output {
        /// The exit status, or 128 + the signal that ended the child.
        let status: Int32
        let output: Data
        let errors: Data
    }

    /// Runs `executable` (a path) with `arguments` and exactly `environment`, with standard input
    /// from /dev/null. Throws the `errno` when the program cannot be started.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws(POSIXError) -> Output {
        let output = try pipe(), errors = try pipe()
        defer { for descriptor in [output.read, errors.read] { close(descriptor) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)

        // Signals as a freshly started program expects them: none blocked, none ignored (the Swift
        // runtime ignores SIGPIPE, and an ignored signal stays ignored across exec).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigaddset(&signals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child = pid_t()
        let started = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        close(output.write)
        close(errors.write)
        guard started == 0 else { throw POSIXError(POSIXErrorCode(rawValue: started) ?? .EIO) }

        let (printed, said) = readBoth(output.read, errors.read)
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return Output(status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, output: printed, errors: said)
    }

    /// A pipe whose ends are closed in every program this process starts (the child's copies are
    /// made by `dup2`, which clears the flag).
    private static func pipe() throws(POSIXError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard moteplass_pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return (ends[0], ends[1])
    }

    /// Reads both descriptors to their ends at once, so that neither pipe fills up while the
    /// child waits to write the other.
    private static func readBoth(_ first: Int32, _ second: Int32) -> (Data, Data) {
        var data = [Data(), Data()]
        var watched = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while watched.contains(where: { $0.fd >= 0 }) {
            guard poll(&watched, nfds_t(watched.count), -1) >= 0 else {
                if errno == EINTR { continue }
                break
            }
            for index in watched.indices where watched[index].fd >= 0 && watched[index].revents != 0 {
                let count = read(watched[index].fd, &buffer, buffer.count)
                if count > 0 {
                    data[index].append(buffer, count: count)
                } else if count == 0 || errno != EINTR {
                    watched[index].fd = -1  // poll skips a negative descriptor
                }
            }
        }
        return (data[0], data[1])
    }
}
