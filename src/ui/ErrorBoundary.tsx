/**
 * A render error stays where it happened. React unmounts the whole tree on an uncaught render error, so one odd
 * record (a value no schema foresaw, a bug in a formatter) would leave a blank popup or widget; behind this
 * boundary it becomes a row or panel that says what broke, and everything around it keeps working.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'

export interface ErrorBoundaryProps {
  children?: ReactNode
  /** What shows instead of the children once they failed to render. */
  fallback: (error: Error) => ReactNode
  /** A changed key tries the children again (new data may render fine). */
  resetKey?: unknown
  onError?: (error: Error, info: ErrorInfo) => void
}

interface State {
  error?: Error
  key?: unknown
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { key: this.props.resetKey }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    return Object.is(props.resetKey, state.key) ? null : { error: undefined, key: props.resetKey }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.props.onError?.(error, info)
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children
  }
}
