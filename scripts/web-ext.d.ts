/** The part of web-ext's Node API scripts/package.ts uses (the package ships no types). */
declare module 'web-ext' {
  interface LintParams {
    sourceDir: string
    artifactsDir: string
    ignoreFiles: string[]
    output: 'json' | 'text' | 'none'
    metadata: boolean
    pretty: boolean
    privileged: boolean
    selfHosted: boolean
    boring: boolean
    verbose: boolean
    warningsAsErrors: boolean
  }
  interface BuildParams {
    sourceDir: string
    artifactsDir: string
    filename?: string
    overwriteDest?: boolean
  }
  const webExt: {
    cmd: {
      lint(params: LintParams, options: { shouldExitProgram: boolean }): Promise<unknown>
      build(params: BuildParams, options?: { showReadyMessage?: boolean }): Promise<{ extensionPath: string }>
    }
  }
  export default webExt
}
