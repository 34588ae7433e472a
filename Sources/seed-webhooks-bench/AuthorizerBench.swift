func runAuthorizerBench(_ arguments: [String]) throws {
    print("authorizer: no benchmark cases yet")
}
