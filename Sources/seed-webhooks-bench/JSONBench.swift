func runJSONBench(_ arguments: [String]) throws {
    print("json: no benchmark cases yet")
}
