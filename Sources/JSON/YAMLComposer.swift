internal import CYaml

/// Builds `JSONValue`s from libyaml's event stream (the libyaml that Yams bundles). Events rather
/// than Yams' node tree, because hostile input must stay cheap: containers are built on an
/// explicit stack (no recursion, depth capped), aliases are budgeted by the size they expand to
/// (a "billion laughs" document fails instead of hanging consumers), and complex keys are
/// refused before anything hashes them.
struct YAMLComposer {
    /// Alias expansion allowed per document on top of the nodes it spells out: expanded size
    /// stays linear in the input.
    static let aliasAllowance = 100_000

    private let input: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var documents: [JSONValue] = []
    private var stack: [Container] = []
    private var anchors: [String: Anchored] = [:]
    private var root: JSONValue?
    private var rootIsEmpty = false
    private var literalNodes = 0
    private var aliasNodes = 0

    private struct Anchored {
        var value: JSONValue
        var size: Int
        /// Set for scalars, which may also serve as keys.
        var scalar: YAMLScalar?
    }

    private enum PendingKey {
        case key(String, line: Int)
        case merge
    }

    /// One open sequence or mapping. A class so that appending does not copy the arrays
    /// held by the stack.
    private final class Container {
        let isMapping: Bool
        let anchor: String?
        var elements: [JSONValue] = []
        var members: [JSONMember] = []
        var size = 1
        var pendingKey: PendingKey?
        /// Member index by key, and the line that defined each explicit key.
        var index: [String: Int] = [:]
        var definedAt: [String: Int] = [:]

        init(isMapping: Bool, anchor: String?) {
            self.isMapping = isMapping
            self.anchor = anchor
        }
    }

    static func compose(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(YAMLError) -> [JSONValue] {
        guard let base = input.baseAddress, !input.isEmpty else { return [] }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else { throw YAMLError("out of memory", line: 0, column: 0) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, base, input.count)

        var composer = YAMLComposer(input: input, maxDepth: maxDepth)
        while true {
            guard yaml_parser_parse(parser, event) == 1 else { throw composer.parserError(parser.pointee) }
            defer { yaml_event_delete(event) }
            if try composer.handle(event.pointee) { return composer.documents }
        }
    }

    private init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    /// Returns true at the end of the stream.
    private mutating func handle(_ event: yaml_event_t) throws(YAMLError) -> Bool {
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            root = nil
            rootIsEmpty = false
            literalNodes = 0
            aliasNodes = 0
        case YAML_DOCUMENT_END_EVENT:
            if let root, !rootIsEmpty { documents.append(root) }
            root = nil
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw YAMLError("unknown anchor '\(name)' referenced", line: line, column: column)
            }
            aliasNodes += anchored.size
            if aliasNodes > Self.aliasAllowance + literalNodes {
                throw YAMLError("document contains excessive aliasing", line: line, column: column)
            }
            if let top = stack.last, top.isMapping, top.pendingKey == nil {
                guard let scalar = anchored.scalar else {
                    throw YAMLError("unsupported map key: a sequence or mapping", line: line, column: column)
                }
                try setKey(scalar, in: top, line: line, column: column)
            } else {
                try add(anchored.value, size: anchored.size, line: line, column: column)
            }
        case YAML_SCALAR_EVENT:
            literalNodes += 1
            let data = event.data.scalar
            let text = data.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: data.length), as: UTF8.self) } ?? ""
            let plain = data.style == YAML_PLAIN_SCALAR_STYLE
            let tag = Self.string(data.tag)
            let scalar: YAMLScalar
            do {
                scalar = try YAMLScalar.resolve(text, tag: tag, plain: plain)
            } catch {
                throw YAMLError(error.message, line: line, column: column)
            }
            let anchor = Self.string(data.anchor)
            if let top = stack.last, top.isMapping, top.pendingKey == nil {
                try setKey(scalar, in: top, line: line, column: column)
                if let anchor, let value = try? scalar.jsonValue() {
                    anchors[anchor] = Anchored(value: value, size: 1, scalar: scalar)
                }
                return false
            }
            let value: JSONValue
            do {
                value = try scalar.jsonValue()
            } catch {
                throw YAMLError(error.message, line: line, column: column)
            }
            if let anchor { anchors[anchor] = Anchored(value: value, size: 1, scalar: scalar) }
            if stack.isEmpty, text.isEmpty, plain, tag == nil, anchor == nil { rootIsEmpty = true }
            try add(value, size: 1, line: line, column: column)
        case YAML_SEQUENCE_START_EVENT:
            try open(isMapping: false, anchor: Self.string(event.data.sequence_start.anchor), line: line, column: column)
        case YAML_MAPPING_START_EVENT:
            try open(isMapping: true, anchor: Self.string(event.data.mapping_start.anchor), line: line, column: column)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let container = stack.popLast() else {
                throw YAMLError("unbalanced end of a collection", line: line, column: column)
            }
            let value: JSONValue = container.isMapping ? .object(JSONObject(container.members)) : .array(container.elements)
            if let anchor = container.anchor {
                anchors[anchor] = Anchored(value: value, size: container.size, scalar: nil)
            }
            try add(value, size: container.size, line: line, column: column)
        default:
            break  // stream start
        }
        return false
    }

    private mutating func open(isMapping: Bool, anchor: String?, line: Int, column: Int) throws(YAMLError) {
        literalNodes += 1
        if let top = stack.last, top.isMapping, top.pendingKey == nil {
            throw YAMLError("unsupported map key: a sequence or mapping", line: line, column: column)
        }
        guard stack.count < maxDepth else {
            throw YAMLError("nesting deeper than \(maxDepth) levels", line: line, column: column)
        }
        stack.append(Container(isMapping: isMapping, anchor: anchor))
    }

    private func setKey(_ scalar: YAMLScalar, in container: Container, line: Int, column: Int) throws(YAMLError) {
        if scalar == .merge {
            container.pendingKey = .merge
            return
        }
        do {
            container.pendingKey = .key(try scalar.keyText(), line: line)
        } catch {
            throw YAMLError(error.message, line: line, column: column)
        }
    }

    /// Places a finished value: as the document root, a sequence element, or a mapping value.
    private mutating func add(_ value: JSONValue, size: Int, line: Int, column: Int) throws(YAMLError) {
        guard let top = stack.last else {
            root = value
            return
        }
        top.size += size
        guard top.isMapping else {
            top.elements.append(value)
            return
        }
        switch top.pendingKey {
        case .key(let key, let keyLine):
            top.pendingKey = nil
            if let existing = top.index[key] {
                // A key merged in earlier yields to an explicit one; two explicit ones are an error.
                if let firstLine = top.definedAt[key] {
                    throw YAMLError("mapping key \"\(key)\" already defined at line \(firstLine)", line: keyLine, column: column)
                }
                top.members[existing].value = value
            } else {
                top.index[key] = top.members.count
                top.members.append(JSONMember(key: key, value: value))
            }
            top.definedAt[key] = keyLine
        case .merge:
            top.pendingKey = nil
            try merge(value, into: top, line: line, column: column)
        case nil:
            throw YAMLError("a value without a key", line: line, column: column)
        }
    }

    /// `<<: *base` or `<<: [*a, *b]`: keys already present win, and earlier maps win over later ones
    /// (YAML merge key type, yaml.org/type/merge.html).
    private func merge(_ value: JSONValue, into container: Container, line: Int, column: Int) throws(YAMLError) {
        let sources: [JSONObject]
        switch value {
        case .object(let object):
            sources = [object]
        case .array(let elements):
            var objects: [JSONObject] = []
            for element in elements {
                guard case .object(let object) = element else {
                    throw YAMLError("map merge requires map or sequence of maps as the value", line: line, column: column)
                }
                objects.append(object)
            }
            sources = objects
        default:
            throw YAMLError("map merge requires map or sequence of maps as the value", line: line, column: column)
        }
        for source in sources {
            for member in source.members where container.index[member.key] == nil {
                container.index[member.key] = container.members.count
                container.members.append(member)
            }
        }
    }

    private func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLError("out of memory", line: 0, column: 0)
        case YAML_READER_ERROR:
            let (line, column) = position(ofByte: Int(parser.problem_offset))
            var message = problem
            if parser.problem_value != -1 { message += " (#\(String(parser.problem_value, radix: 16, uppercase: true)))" }
            return YAMLError(message, line: line, column: column)
        default:
            // libyaml's own cap (1000) sits above ours; its message names a C function.
            if problem.hasPrefix("Maximum nesting level reached") {
                return YAMLError("nesting deeper than \(maxDepth) levels",
                                 line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            }
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            return YAMLError(message, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
    }

    /// 1-based line and column of a byte offset (reader errors carry only the offset).
    private func position(ofByte offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in input.prefix(max(0, offset)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafePointer(pointer))
    }
}
